package gen

import "testing"

func TestIdent(t *testing.T) {
	for in, want := range map[string]string{
		"ProcessPayment": "ProcessPayment", "process-payment": "ProcessPayment", "orderId": "OrderID",
		"Send SNS Message": "SendSNSMessage", "9lives": "X9lives", "item_url": "ItemURL", "OrderFulfilment": "OrderFulfilment",
	} {
		if got := ident(in); got != want {
			t.Errorf("ident(%q) = %q, want %q", in, got, want)
		}
	}
}
