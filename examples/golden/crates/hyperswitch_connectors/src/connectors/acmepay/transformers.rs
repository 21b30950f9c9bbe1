use api_models::{
    payments::PaymentIdType,
    webhooks::{IncomingWebhookEvent, ObjectReferenceId, RefundIdType},
};
use common_enums::enums;
use common_utils::types::MinorUnit;
use hyperswitch_domain_models::{
    payment_method_data::PaymentMethodData,
    router_data::{ConnectorAuthType, RouterData},
    router_flow_types::refunds::{Execute, RSync},
    router_request_types::ResponseId,
    router_response_types::{PaymentsResponseData, RefundsResponseData},
    types::{
        PaymentsAuthorizeRouterData, PaymentsCancelRouterData, PaymentsCaptureRouterData,
        RefundsRouterData,
    },
};
use hyperswitch_interfaces::errors;
use hyperswitch_masking::Secret;
use serde::{Deserialize, Serialize};

use crate::{
    types::{RefundsResponseRouterData, ResponseRouterData},
    utils,
};

pub struct AcmepayRouterData<T> {
    pub amount: MinorUnit,
    pub router_data: T,
}

impl<T> From<(MinorUnit, T)> for AcmepayRouterData<T> {
    fn from((amount, item): (MinorUnit, T)) -> Self {
        Self {
            amount,
            router_data: item,
        }
    }
}

// Credentials of ConnectorAuthType::HeaderKey. The connector receives them as
// Authorization: Bearer <api_key>.
#[derive(Debug, Clone)]
pub struct AcmepayAuthType {
    pub api_key: Secret<String>,
}

impl TryFrom<&ConnectorAuthType> for AcmepayAuthType {
    type Error = error_stack::Report<errors::ConnectorError>;
    fn try_from(auth_type: &ConnectorAuthType) -> Result<Self, Self::Error> {
        match auth_type {
            ConnectorAuthType::HeaderKey { api_key } => Ok(Self {
                api_key: api_key.to_owned(),
            }),
            _ => Err(errors::ConnectorError::FailedToObtainAuthType.into()),
        }
    }
}

// TODO: add the Authorize request fields that spec §3.1 lists.
#[derive(Debug, Serialize)]
pub struct AcmepayAuthorizeRequest {
    amount: MinorUnit,
    currency: enums::Currency,
    reference: String,
    card: AcmepayCard,
}

#[derive(Debug, Serialize)]
pub struct AcmepayCard {
    number: cards::CardNumber,
    expiry_month: Secret<String>,
    expiry_year: Secret<String>,
    cvc: Secret<String>,
}

impl TryFrom<&AcmepayRouterData<&PaymentsAuthorizeRouterData>> for AcmepayAuthorizeRequest {
    type Error = error_stack::Report<errors::ConnectorError>;
    fn try_from(
        item: &AcmepayRouterData<&PaymentsAuthorizeRouterData>,
    ) -> Result<Self, Self::Error> {
        match item.router_data.request.payment_method_data.clone() {
            PaymentMethodData::Card(card) => Ok(Self {
                amount: item.amount,
                currency: item.router_data.request.currency,
                reference: item.router_data.connector_request_reference_id.clone(),
                card: AcmepayCard {
                    number: card.card_number,
                    expiry_month: card.card_exp_month,
                    expiry_year: card.card_exp_year,
                    cvc: card.card_cvc,
                },
            }),
            // TODO: map the other payment methods that spec §1.3 lists.
            _ => Err(errors::ConnectorError::NotImplemented(
                utils::get_unimplemented_payment_method_error_message("Acmepay"),
            )
            .into()),
        }
    }
}

// TODO: add the Capture request fields that spec §3.3 lists.
#[derive(Debug, Serialize)]
pub struct AcmepayCaptureRequest {
    amount: MinorUnit,
    currency: enums::Currency,
    reference: String,
}

impl TryFrom<&AcmepayRouterData<&PaymentsCaptureRouterData>> for AcmepayCaptureRequest {
    type Error = error_stack::Report<errors::ConnectorError>;
    fn try_from(item: &AcmepayRouterData<&PaymentsCaptureRouterData>) -> Result<Self, Self::Error> {
        Ok(Self {
            amount: item.amount,
            currency: item.router_data.request.currency,
            reference: item.router_data.connector_request_reference_id.clone(),
        })
    }
}

// TODO: add the Cancel (Void) request fields that spec §3.4 lists.
#[derive(Debug, Serialize)]
pub struct AcmepayVoidRequest {
    reference: String,
}

impl TryFrom<&PaymentsCancelRouterData> for AcmepayVoidRequest {
    type Error = error_stack::Report<errors::ConnectorError>;
    fn try_from(item: &PaymentsCancelRouterData) -> Result<Self, Self::Error> {
        Ok(Self {
            reference: item.connector_request_reference_id.clone(),
        })
    }
}

// TODO: add the Refund request fields that spec §3.5 lists.
#[derive(Debug, Serialize)]
pub struct AcmepayRefundRequest {
    amount: MinorUnit,
    currency: enums::Currency,
    reference: String,
}

impl TryFrom<&AcmepayRouterData<&RefundsRouterData<Execute>>> for AcmepayRefundRequest {
    type Error = error_stack::Report<errors::ConnectorError>;
    fn try_from(
        item: &AcmepayRouterData<&RefundsRouterData<Execute>>,
    ) -> Result<Self, Self::Error> {
        Ok(Self {
            amount: item.amount,
            currency: item.router_data.request.currency,
            reference: item.router_data.connector_request_reference_id.clone(),
        })
    }
}

// TODO: rename the variants to the connector's status values in spec §3.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AcmepayPaymentStatus {
    Succeeded,
    Authorized,
    Processing,
    RequiresAction,
    Failed,
    Cancelled,
    // An unknown status maps to a pending state, which the next sync corrects.
    #[serde(other)]
    Unknown,
}

impl From<AcmepayPaymentStatus> for enums::AttemptStatus {
    fn from(item: AcmepayPaymentStatus) -> Self {
        match item {
            AcmepayPaymentStatus::Succeeded => Self::Charged,
            AcmepayPaymentStatus::Authorized => Self::Authorized,
            AcmepayPaymentStatus::Processing => Self::Pending,
            AcmepayPaymentStatus::RequiresAction => Self::AuthenticationPending,
            AcmepayPaymentStatus::Failed => Self::Failure,
            AcmepayPaymentStatus::Cancelled => Self::Voided,
            AcmepayPaymentStatus::Unknown => Self::Pending,
        }
    }
}

// TODO: rename the variants to the connector's status values in spec §3.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AcmepayCaptureStatus {
    Succeeded,
    Processing,
    Failed,
    // An unknown status maps to a pending state, which the next sync corrects.
    #[serde(other)]
    Unknown,
}

impl From<AcmepayCaptureStatus> for enums::AttemptStatus {
    fn from(item: AcmepayCaptureStatus) -> Self {
        match item {
            AcmepayCaptureStatus::Succeeded => Self::Charged,
            AcmepayCaptureStatus::Processing => Self::CaptureInitiated,
            AcmepayCaptureStatus::Failed => Self::CaptureFailed,
            AcmepayCaptureStatus::Unknown => Self::Pending,
        }
    }
}

// TODO: rename the variants to the connector's status values in spec §3.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AcmepayVoidStatus {
    Cancelled,
    Processing,
    Failed,
    // An unknown status maps to a pending state, which the next sync corrects.
    #[serde(other)]
    Unknown,
}

impl From<AcmepayVoidStatus> for enums::AttemptStatus {
    fn from(item: AcmepayVoidStatus) -> Self {
        match item {
            AcmepayVoidStatus::Cancelled => Self::Voided,
            AcmepayVoidStatus::Processing => Self::VoidInitiated,
            AcmepayVoidStatus::Failed => Self::VoidFailed,
            AcmepayVoidStatus::Unknown => Self::Pending,
        }
    }
}

// TODO: rename the variants to the connector's status values in spec §3.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AcmepayRefundStatus {
    Succeeded,
    Processing,
    Failed,
    // An unknown status maps to a pending state, which the next sync corrects.
    #[serde(other)]
    Unknown,
}

impl From<AcmepayRefundStatus> for enums::RefundStatus {
    fn from(item: AcmepayRefundStatus) -> Self {
        match item {
            AcmepayRefundStatus::Succeeded => Self::Success,
            AcmepayRefundStatus::Processing => Self::Pending,
            AcmepayRefundStatus::Failed => Self::Failure,
            AcmepayRefundStatus::Unknown => Self::Pending,
        }
    }
}

// TODO: add the Authorize response fields that spec §3.1 lists.
#[derive(Debug, Serialize, Deserialize)]
pub struct AcmepayAuthorizeResponse {
    id: String,
    status: AcmepayPaymentStatus,
}

impl<F, T> TryFrom<ResponseRouterData<F, AcmepayAuthorizeResponse, T, PaymentsResponseData>>
    for RouterData<F, T, PaymentsResponseData>
{
    type Error = error_stack::Report<errors::ConnectorError>;
    fn try_from(
        item: ResponseRouterData<F, AcmepayAuthorizeResponse, T, PaymentsResponseData>,
    ) -> Result<Self, Self::Error> {
        Ok(Self {
            status: enums::AttemptStatus::from(item.response.status),
            response: Ok(PaymentsResponseData::TransactionResponse {
                resource_id: ResponseId::ConnectorTransactionId(item.response.id),
                redirection_data: Box::new(None),
                mandate_reference: Box::new(None),
                connector_metadata: None,
                network_txn_id: None,
                network_txn_link_id: None,
                connector_response_reference_id: None,
                incremental_authorization_allowed: None,
                authentication_data: None,
                charges: None,
            }),
            ..item.data
        })
    }
}

// TODO: add the Payment Sync response fields that spec §3.2 lists.
#[derive(Debug, Serialize, Deserialize)]
pub struct AcmepaySyncResponse {
    id: String,
    status: AcmepayPaymentStatus,
}

impl<F, T> TryFrom<ResponseRouterData<F, AcmepaySyncResponse, T, PaymentsResponseData>>
    for RouterData<F, T, PaymentsResponseData>
{
    type Error = error_stack::Report<errors::ConnectorError>;
    fn try_from(
        item: ResponseRouterData<F, AcmepaySyncResponse, T, PaymentsResponseData>,
    ) -> Result<Self, Self::Error> {
        Ok(Self {
            status: enums::AttemptStatus::from(item.response.status),
            response: Ok(PaymentsResponseData::TransactionResponse {
                resource_id: ResponseId::ConnectorTransactionId(item.response.id),
                redirection_data: Box::new(None),
                mandate_reference: Box::new(None),
                connector_metadata: None,
                network_txn_id: None,
                network_txn_link_id: None,
                connector_response_reference_id: None,
                incremental_authorization_allowed: None,
                authentication_data: None,
                charges: None,
            }),
            ..item.data
        })
    }
}

// TODO: add the Capture response fields that spec §3.3 lists.
#[derive(Debug, Serialize, Deserialize)]
pub struct AcmepayCaptureResponse {
    id: String,
    status: AcmepayCaptureStatus,
}

impl<F, T> TryFrom<ResponseRouterData<F, AcmepayCaptureResponse, T, PaymentsResponseData>>
    for RouterData<F, T, PaymentsResponseData>
{
    type Error = error_stack::Report<errors::ConnectorError>;
    fn try_from(
        item: ResponseRouterData<F, AcmepayCaptureResponse, T, PaymentsResponseData>,
    ) -> Result<Self, Self::Error> {
        Ok(Self {
            status: enums::AttemptStatus::from(item.response.status),
            response: Ok(PaymentsResponseData::TransactionResponse {
                resource_id: ResponseId::ConnectorTransactionId(item.response.id),
                redirection_data: Box::new(None),
                mandate_reference: Box::new(None),
                connector_metadata: None,
                network_txn_id: None,
                network_txn_link_id: None,
                connector_response_reference_id: None,
                incremental_authorization_allowed: None,
                authentication_data: None,
                charges: None,
            }),
            ..item.data
        })
    }
}

// TODO: add the Cancel (Void) response fields that spec §3.4 lists.
#[derive(Debug, Serialize, Deserialize)]
pub struct AcmepayVoidResponse {
    id: String,
    status: AcmepayVoidStatus,
}

impl<F, T> TryFrom<ResponseRouterData<F, AcmepayVoidResponse, T, PaymentsResponseData>>
    for RouterData<F, T, PaymentsResponseData>
{
    type Error = error_stack::Report<errors::ConnectorError>;
    fn try_from(
        item: ResponseRouterData<F, AcmepayVoidResponse, T, PaymentsResponseData>,
    ) -> Result<Self, Self::Error> {
        Ok(Self {
            status: enums::AttemptStatus::from(item.response.status),
            response: Ok(PaymentsResponseData::TransactionResponse {
                resource_id: ResponseId::ConnectorTransactionId(item.response.id),
                redirection_data: Box::new(None),
                mandate_reference: Box::new(None),
                connector_metadata: None,
                network_txn_id: None,
                network_txn_link_id: None,
                connector_response_reference_id: None,
                incremental_authorization_allowed: None,
                authentication_data: None,
                charges: None,
            }),
            ..item.data
        })
    }
}

// TODO: add the Refund response fields that spec §3.5 lists.
#[derive(Debug, Serialize, Deserialize)]
pub struct AcmepayRefundResponse {
    id: String,
    status: AcmepayRefundStatus,
}

impl TryFrom<RefundsResponseRouterData<Execute, AcmepayRefundResponse>>
    for RefundsRouterData<Execute>
{
    type Error = error_stack::Report<errors::ConnectorError>;
    fn try_from(
        item: RefundsResponseRouterData<Execute, AcmepayRefundResponse>,
    ) -> Result<Self, Self::Error> {
        Ok(Self {
            response: Ok(RefundsResponseData {
                connector_refund_id: item.response.id,
                refund_status: enums::RefundStatus::from(item.response.status),
            }),
            ..item.data
        })
    }
}

// TODO: add the Refund Sync response fields that spec §3.6 lists.
#[derive(Debug, Serialize, Deserialize)]
pub struct AcmepayRefundSyncResponse {
    id: String,
    status: AcmepayRefundStatus,
}

impl TryFrom<RefundsResponseRouterData<RSync, AcmepayRefundSyncResponse>>
    for RefundsRouterData<RSync>
{
    type Error = error_stack::Report<errors::ConnectorError>;
    fn try_from(
        item: RefundsResponseRouterData<RSync, AcmepayRefundSyncResponse>,
    ) -> Result<Self, Self::Error> {
        Ok(Self {
            response: Ok(RefundsResponseData {
                connector_refund_id: item.response.id,
                refund_status: enums::RefundStatus::from(item.response.status),
            }),
            ..item.data
        })
    }
}

// TODO: match the webhook payload and event names to spec §5.
#[derive(Debug, Serialize, Deserialize)]
pub struct AcmepayWebhookEvent {
    pub event_type: AcmepayWebhookEventType,
    pub resource_id: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AcmepayWebhookEventType {
    PaymentSucceeded,
    PaymentFailed,
    RefundSucceeded,
    RefundFailed,
    #[serde(other)]
    Unknown,
}

impl AcmepayWebhookEventType {
    pub fn reference_id(self, resource_id: String) -> ObjectReferenceId {
        match self {
            Self::RefundSucceeded | Self::RefundFailed => {
                ObjectReferenceId::RefundId(RefundIdType::ConnectorRefundId(resource_id))
            }
            Self::PaymentSucceeded | Self::PaymentFailed | Self::Unknown => {
                ObjectReferenceId::PaymentId(PaymentIdType::ConnectorTransactionId(resource_id))
            }
        }
    }
}

impl From<AcmepayWebhookEventType> for IncomingWebhookEvent {
    fn from(event: AcmepayWebhookEventType) -> Self {
        match event {
            AcmepayWebhookEventType::PaymentSucceeded => Self::PaymentIntentSuccess,
            AcmepayWebhookEventType::PaymentFailed => Self::PaymentIntentFailure,
            AcmepayWebhookEventType::RefundSucceeded => Self::RefundSuccess,
            AcmepayWebhookEventType::RefundFailed => Self::RefundFailure,
            AcmepayWebhookEventType::Unknown => Self::EventNotSupported,
        }
    }
}

// TODO: match the error body to spec §6.1.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct AcmepayErrorResponse {
    pub code: String,
    pub message: String,
    pub reason: Option<String>,
}
