//! Live tests of the acmepay connector against its sandbox.
//!
//! The tests run through the ConnectorActions helpers in `utils.rs`. Credentials come from the
//! TOML file named by the `CONNECTOR_AUTH_FILE_PATH` environment variable, for example
//! `crates/router/tests/connectors/sample_auth.toml`.
//!
//! The error messages the negative tests expect are placeholders. Each one carries a TODO to
//! replace it with the connector's own text from section 6 (error responses) of
//! `grace/connector_integration/acmepay/acmepay_specs.md`.

use hyperswitch_masking::Secret;
use router::types::{self, api, domain, storage::enums};
use test_utils::connector_auth;

use crate::utils::{self, ConnectorActions};

#[derive(Clone, Copy)]
struct AcmepayTest;
impl ConnectorActions for AcmepayTest {}
impl utils::Connector for AcmepayTest {
    fn get_data(&self) -> api::ConnectorData {
        use router::connector::Acmepay;
        utils::construct_connector_data_old(
            Box::new(Acmepay::new()),
            types::Connector::Acmepay,
            api::GetToken::Connector,
            None,
        )
    }

    fn get_auth_token(&self) -> types::ConnectorAuthType {
        utils::to_connector_auth_type(
            connector_auth::ConnectorAuthentication::new()
                .acmepay
                .expect("missing [acmepay] credentials in the connector auth file")
                .into(),
        )
    }

    fn get_name(&self) -> String {
        "acmepay".to_string()
    }
}

static CONNECTOR: AcmepayTest = AcmepayTest {};

// utils::PaymentAuthorizeType authorizes this many minor units (USD) by default.
const PAYMENT_AMOUNT: i64 = 100;

fn get_default_payment_info() -> Option<utils::PaymentInfo> {
    None
}

// None sends utils::PaymentAuthorizeType's default card payment. Return Some(...) here when
// the connector needs other data, such as a billing address or one of its test cards.
fn payment_method_details() -> Option<types::PaymentsAuthorizeData> {
    None
}

// Builds the authorize request of the invalid-card tests: payment_method_details() with `card`.
fn card_payment(card: domain::Card) -> Option<types::PaymentsAuthorizeData> {
    let base = payment_method_details().unwrap_or_else(|| utils::PaymentAuthorizeType::default().0);
    Some(types::PaymentsAuthorizeData {
        payment_method_data: domain::PaymentMethodData::Card(card),
        ..base
    })
}

// The connector's capture request reads minor_amount_to_capture, which
// utils::PaymentCaptureType leaves at zero, so the i64 and MinorUnit amounts are both set.
fn capture_request(amount: i64) -> Option<types::PaymentsCaptureData> {
    Some(types::PaymentsCaptureData {
        amount_to_capture: amount,
        minor_amount_to_capture: types::MinorUnit::new(amount),
        minor_payment_amount: types::MinorUnit::new(PAYMENT_AMOUNT),
        ..utils::PaymentCaptureType::default().0
    })
}

fn refund_request(amount: i64) -> Option<types::RefundsData> {
    Some(types::RefundsData {
        refund_amount: amount,
        minor_refund_amount: types::MinorUnit::new(amount),
        ..utils::PaymentRefundType::default().0
    })
}

fn sync_request(
    transaction_id: String,
    capture_method: enums::CaptureMethod,
) -> Option<types::PaymentsSyncData> {
    Some(types::PaymentsSyncData {
        connector_transaction_id: types::ResponseId::ConnectorTransactionId(transaction_id),
        capture_method: Some(capture_method),
        ..utils::PaymentSyncType::default().0
    })
}

// Manual capture: the payment is authorized first, then captured, synced, voided or refunded.

#[actix_web::test]
async fn should_only_authorize_payment() {
    let response = CONNECTOR
        .authorize_payment(payment_method_details(), get_default_payment_info())
        .await
        .expect("authorize request failed");
    assert_eq!(response.status, enums::AttemptStatus::Authorized);
}

#[actix_web::test]
async fn should_capture_authorized_payment() {
    let response = CONNECTOR
        .authorize_and_capture_payment(
            payment_method_details(),
            capture_request(PAYMENT_AMOUNT),
            get_default_payment_info(),
        )
        .await
        .expect("capture request failed");
    assert_eq!(response.status, enums::AttemptStatus::Charged);
}

#[actix_web::test]
async fn should_partially_capture_authorized_payment() {
    let response = CONNECTOR
        .authorize_and_capture_payment(
            payment_method_details(),
            capture_request(PAYMENT_AMOUNT / 2),
            get_default_payment_info(),
        )
        .await
        .expect("capture request failed");
    assert_eq!(response.status, enums::AttemptStatus::Charged);
}

#[actix_web::test]
async fn should_sync_authorized_payment() {
    let authorize_response = CONNECTOR
        .authorize_payment(payment_method_details(), get_default_payment_info())
        .await
        .expect("authorize request failed");
    let transaction_id = utils::get_connector_transaction_id(authorize_response.response)
        .expect("authorize response has no connector transaction id");
    let response = CONNECTOR
        .psync_retry_till_status_matches(
            enums::AttemptStatus::Authorized,
            sync_request(transaction_id, enums::CaptureMethod::Manual),
            get_default_payment_info(),
        )
        .await
        .expect("payment sync request failed");
    assert_eq!(response.status, enums::AttemptStatus::Authorized);
}

#[actix_web::test]
async fn should_void_authorized_payment() {
    let response = CONNECTOR
        .authorize_and_void_payment(payment_method_details(), None, get_default_payment_info())
        .await
        .expect("void request failed");
    assert_eq!(response.status, enums::AttemptStatus::Voided);
}

#[actix_web::test]
async fn should_refund_manually_captured_payment() {
    let response = CONNECTOR
        .capture_payment_and_refund(
            payment_method_details(),
            capture_request(PAYMENT_AMOUNT),
            refund_request(PAYMENT_AMOUNT),
            get_default_payment_info(),
        )
        .await
        .expect("refund request failed");
    let refund = response.response.expect("connector rejected the refund");
    assert_eq!(refund.refund_status, enums::RefundStatus::Success);
}

#[actix_web::test]
async fn should_partially_refund_manually_captured_payment() {
    let response = CONNECTOR
        .capture_payment_and_refund(
            payment_method_details(),
            capture_request(PAYMENT_AMOUNT),
            refund_request(PAYMENT_AMOUNT / 2),
            get_default_payment_info(),
        )
        .await
        .expect("refund request failed");
    let refund = response.response.expect("connector rejected the refund");
    assert_eq!(refund.refund_status, enums::RefundStatus::Success);
}

#[actix_web::test]
async fn should_sync_manually_captured_refund() {
    let refund_response = CONNECTOR
        .capture_payment_and_refund(
            payment_method_details(),
            capture_request(PAYMENT_AMOUNT),
            refund_request(PAYMENT_AMOUNT),
            get_default_payment_info(),
        )
        .await
        .expect("refund request failed");
    let refund = refund_response
        .response
        .expect("connector rejected the refund");
    let response = CONNECTOR
        .rsync_retry_till_status_matches(
            enums::RefundStatus::Success,
            refund.connector_refund_id,
            None,
            get_default_payment_info(),
        )
        .await
        .expect("refund sync request failed");
    let synced_refund = response
        .response
        .expect("connector rejected the refund sync");
    assert_eq!(synced_refund.refund_status, enums::RefundStatus::Success);
}

// Automatic capture: one authorize request charges the payment.

#[actix_web::test]
async fn should_make_payment() {
    let response = CONNECTOR
        .make_payment(payment_method_details(), get_default_payment_info())
        .await
        .expect("payment request failed");
    assert_eq!(response.status, enums::AttemptStatus::Charged);
}

#[actix_web::test]
async fn should_sync_auto_captured_payment() {
    let payment_response = CONNECTOR
        .make_payment(payment_method_details(), get_default_payment_info())
        .await
        .expect("payment request failed");
    assert_eq!(payment_response.status, enums::AttemptStatus::Charged);
    let transaction_id = utils::get_connector_transaction_id(payment_response.response)
        .expect("payment response has no connector transaction id");
    let response = CONNECTOR
        .psync_retry_till_status_matches(
            enums::AttemptStatus::Charged,
            sync_request(transaction_id, enums::CaptureMethod::Automatic),
            get_default_payment_info(),
        )
        .await
        .expect("payment sync request failed");
    assert_eq!(response.status, enums::AttemptStatus::Charged);
}

#[actix_web::test]
async fn should_refund_auto_captured_payment() {
    let response = CONNECTOR
        .make_payment_and_refund(
            payment_method_details(),
            refund_request(PAYMENT_AMOUNT),
            get_default_payment_info(),
        )
        .await
        .expect("refund request failed");
    let refund = response.response.expect("connector rejected the refund");
    assert_eq!(refund.refund_status, enums::RefundStatus::Success);
}

#[actix_web::test]
async fn should_partially_refund_succeeded_payment() {
    let response = CONNECTOR
        .make_payment_and_refund(
            payment_method_details(),
            refund_request(PAYMENT_AMOUNT / 2),
            get_default_payment_info(),
        )
        .await
        .expect("refund request failed");
    let refund = response.response.expect("connector rejected the refund");
    assert_eq!(refund.refund_status, enums::RefundStatus::Success);
}

// make_payment_and_multiple_refund asserts that each of its two refunds succeeds.
#[actix_web::test]
async fn should_refund_succeeded_payment_multiple_times() {
    CONNECTOR
        .make_payment_and_multiple_refund(
            payment_method_details(),
            refund_request(PAYMENT_AMOUNT / 2),
            get_default_payment_info(),
        )
        .await;
}

#[actix_web::test]
async fn should_sync_refund() {
    let refund_response = CONNECTOR
        .make_payment_and_refund(
            payment_method_details(),
            refund_request(PAYMENT_AMOUNT),
            get_default_payment_info(),
        )
        .await
        .expect("refund request failed");
    let refund = refund_response
        .response
        .expect("connector rejected the refund");
    let response = CONNECTOR
        .rsync_retry_till_status_matches(
            enums::RefundStatus::Success,
            refund.connector_refund_id,
            None,
            get_default_payment_info(),
        )
        .await
        .expect("refund sync request failed");
    let synced_refund = response
        .response
        .expect("connector rejected the refund sync");
    assert_eq!(synced_refund.refund_status, enums::RefundStatus::Success);
}

// Negative cases: the connector must reject each request with an error response.

#[actix_web::test]
async fn should_fail_payment_for_incorrect_cvc() {
    let card = domain::Card {
        card_cvc: Secret::new("12345".to_string()),
        ..utils::CCardType::default().0
    };
    let response = CONNECTOR
        .make_payment(card_payment(card), get_default_payment_info())
        .await
        .expect("payment request failed");
    let error = response
        .response
        .expect_err("connector accepted a 5-digit CVC");
    // TODO: replace with the connector's error message for an invalid CVC (spec §6).
    assert_eq!(error.message, "Invalid card security code");
}

#[actix_web::test]
async fn should_fail_payment_for_invalid_exp_month() {
    let card = domain::Card {
        card_exp_month: Secret::new("13".to_string()),
        ..utils::CCardType::default().0
    };
    let response = CONNECTOR
        .make_payment(card_payment(card), get_default_payment_info())
        .await
        .expect("payment request failed");
    let error = response
        .response
        .expect_err("connector accepted expiry month 13");
    // TODO: replace with the connector's error message for an invalid expiry month (spec §6).
    assert_eq!(error.message, "Invalid card expiry month");
}

#[actix_web::test]
async fn should_fail_payment_for_incorrect_expiry_year() {
    let card = domain::Card {
        card_exp_year: Secret::new("2000".to_string()),
        ..utils::CCardType::default().0
    };
    let response = CONNECTOR
        .make_payment(card_payment(card), get_default_payment_info())
        .await
        .expect("payment request failed");
    let error = response
        .response
        .expect_err("connector accepted expiry year 2000");
    // TODO: replace with the connector's error message for an expired card (spec §6).
    assert_eq!(error.message, "Card expired");
}

#[actix_web::test]
async fn should_fail_void_payment_for_auto_capture() {
    let payment_response = CONNECTOR
        .make_payment(payment_method_details(), get_default_payment_info())
        .await
        .expect("payment request failed");
    assert_eq!(payment_response.status, enums::AttemptStatus::Charged);
    let transaction_id = utils::get_connector_transaction_id(payment_response.response)
        .expect("payment response has no connector transaction id");
    let response = CONNECTOR
        .void_payment(transaction_id, None, get_default_payment_info())
        .await
        .expect("void request failed");
    let error = response
        .response
        .expect_err("connector voided a charged payment");
    // TODO: replace with the connector's error message for a void after capture (spec §6).
    assert_eq!(error.message, "Payment already captured");
}

#[actix_web::test]
async fn should_fail_capture_for_invalid_payment() {
    let response = CONNECTOR
        .capture_payment(
            "nonexistent_payment".to_string(),
            capture_request(PAYMENT_AMOUNT),
            get_default_payment_info(),
        )
        .await
        .expect("capture request failed");
    let error = response
        .response
        .expect_err("connector captured an unknown payment");
    // TODO: replace with the connector's error message for an unknown payment id (spec §6).
    assert_eq!(error.message, "Payment not found");
}

#[actix_web::test]
async fn should_fail_for_refund_amount_higher_than_payment_amount() {
    let response = CONNECTOR
        .make_payment_and_refund(
            payment_method_details(),
            refund_request(PAYMENT_AMOUNT + 50),
            get_default_payment_info(),
        )
        .await
        .expect("refund request failed");
    let error = response
        .response
        .expect_err("connector refunded more than the payment");
    // TODO: replace with the connector's error message for an excessive refund (spec §6).
    assert_eq!(error.message, "Refund amount exceeds the payment amount");
}
