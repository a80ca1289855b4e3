package invoicing

// Order is the machine's input.
type Order struct {
	OrderID    string `json:"orderId"`
	CustomerID string `json:"customerId"`
	Lines      []Line `json:"lines"`
}

// Line is one line of an order.
type Line struct {
	SKU string `json:"sku"`
	Qty int    `json:"qty"`
}

// CustomerRef is the input of the load-customer function.
type CustomerRef struct {
	CustomerID string `json:"customerId"`
}

// Customer is what the load-customer function returns.
type Customer struct {
	ID      string  `json:"id"`
	Tier    string  `json:"tier"`
	TaxRate float64 `json:"taxRate"`
}

// PriceRequest is the input of the price-line function: a line and the
// customer's discount.
type PriceRequest struct {
	SKU      string  `json:"sku"`
	Qty      int     `json:"qty"`
	Discount float64 `json:"discount"`
}

// PricedLine is what the price-line function returns.
type PricedLine struct {
	SKU    string  `json:"sku"`
	Amount float64 `json:"amount"`
}

// ApprovalRequest is the input of the request-approval function, which
// hands the task token to a manager.
type ApprovalRequest struct {
	OrderID  string  `json:"orderId"`
	Subtotal float64 `json:"subtotal"`
	Token    string  `json:"token"`
}

// Approval is what the approval task returns.
type Approval struct {
	Approved bool   `json:"approved"`
	By       string `json:"by"`
}

// InvoiceRequest is the input of the issue-invoice function.
type InvoiceRequest struct {
	OrderID    string       `json:"orderId"`
	CustomerID string       `json:"customerId"`
	Lines      []PricedLine `json:"lines"`
	Total      float64      `json:"total"`
}

// Issued is what the issue-invoice function returns.
type Issued struct {
	InvoiceID string `json:"invoiceId"`
}

// Invoice is the machine's output.
type Invoice struct {
	InvoiceID string  `json:"invoiceId"`
	OrderID   string  `json:"orderId"`
	Total     float64 `json:"total"`
	Approved  bool    `json:"approved"`
}
