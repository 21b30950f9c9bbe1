import sys
print("TASK", sys.argv)
