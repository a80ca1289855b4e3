package orderprocessing

// Order is the execution input, and what each step passes on.
type Order struct {
	OrderID string  `json:"orderId"`
	Amount  float64 `json:"amount"`
	// Paid and Shipped are set by ProcessPayment and ShipOrder.
	Paid    bool `json:"paid,omitempty"`
	Shipped bool `json:"shipped,omitempty"`
}
