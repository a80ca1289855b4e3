package awsapi

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Type is the type of a [Shape], as the AWS API models name them.
type Type uint8

// The types of shapes.
const (
	String    Type = iota + 1 // a JSON string
	Integer                   // a 32-bit integer: a JSON number
	Long                      // a 64-bit integer: a JSON number
	Float                     // a JSON number
	Double                    // a JSON number
	Boolean                   // true or false
	Timestamp                 // a date and time: a JSON string in Step Functions
	Blob                      // binary data: a JSON string in Step Functions
	List                      // a JSON array of Elem
	Map                       // a JSON object from Key to Elem
	Structure                 // a JSON object with named Members
	Document                  // any JSON value
)

var typeNames = [...]string{
	String: "string", Integer: "integer", Long: "long", Float: "float",
	Double: "double", Boolean: "boolean", Timestamp: "timestamp", Blob: "blob",
	List: "list", Map: "map", Structure: "structure", Document: "document",
}

// String returns the type's name in the AWS models: "string", "integer",
// "structure", ...
func (t Type) String() string {
	if int(t) < len(typeNames) && typeNames[t] != "" {
		return typeNames[t]
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// Shape describes the JSON values of an API's input or output, or of a part
// of them. Shapes are shared and may be recursive (a DynamoDB AttributeValue
// holds maps of AttributeValues): treat them as read-only.
type Shape struct {
	// Name is the model's name for a structure ("StartExecutionOutput"),
	// or "" for other shapes.
	Name string
	// Type is the shape's JSON type.
	Type Type
	// Members are a structure's fields, in the model's order, named as
	// Step Functions spells them (PascalCase).
	Members []Member
	// Union reports a structure of which exactly one member is set.
	Union bool
	// Elem is a list's element, or a map's value.
	Elem *Shape
	// Key is a map's key.
	Key *Shape
	// Enum lists the values a string may take, when the model restricts
	// them.
	Enum []string
	// Min and Max, when HasMin and HasMax are set, bound a number's value
	// or the length of a string, blob, list or map.
	Min, Max float64
	// HasMin and HasMax report whether the model gives Min and Max.
	HasMin, HasMax bool

	byName map[string]int // members by name, for large structures
}

// Member is a field of a structure.
type Member struct {
	// Name is the field's name as Step Functions spells it.
	Name string
	// Shape is the field's value's shape.
	Shape *Shape
	// Required reports a field the API always sends (in an output) or
	// needs (in an input).
	Required bool
}

// Member returns the structure's member called name (matched exactly), or
// nil.
func (s *Shape) Member(name string) *Member {
	if s == nil {
		return nil
	}
	if s.byName != nil {
		if i, ok := s.byName[name]; ok {
			return &s.Members[i]
		}
		return nil
	}
	for i := range s.Members {
		if s.Members[i].Name == name {
			return &s.Members[i]
		}
	}
	return nil
}

// index builds the name index of a large structure.
func (s *Shape) index() {
	s.byName = nil
	if len(s.Members) > 8 {
		s.byName = make(map[string]int, len(s.Members))
		for i, m := range s.Members {
			s.byName[m.Name] = i
		}
	}
}

// anyShape is the shape of any JSON value.
var anyShape = &Shape{Type: Document}

// sdkService is a row of the generated table of services.
type sdkService struct {
	name, botocore, serviceID, apiVersion, ops string
}

// Service is an AWS service as Step Functions' AWS SDK integrations name it
// (arn:aws:states:::aws-sdk:SERVICE:action).
type Service struct {
	// Name is the service's name in AWS SDK integration resources: "sfn",
	// "eventbridge", "dynamodb", "cloudwatchlogs".
	Name string
	// Botocore is the service's name in botocore and the AWS CLI:
	// "stepfunctions", "events", "dynamodb", "logs".
	Botocore string
	// ServiceID is the model's serviceId: "SFN", "EventBridge".
	ServiceID string
	// APIVersion is the version of the API the tables describe.
	APIVersion string

	ops     []string // operation names, PascalCase, sorted
	actions []string // the same, camelCase, in the same order

	once    sync.Once
	actByOp map[string]*Action // built with the model
	loadErr error
}

var (
	servicesOnce sync.Once
	services     []*Service
	serviceIndex map[string]*Service
)

func loadServices() {
	services = make([]*Service, len(sdkServices))
	serviceIndex = make(map[string]*Service, len(sdkServices))
	for i, row := range sdkServices {
		s := &Service{Name: row.name, Botocore: row.botocore, ServiceID: row.serviceID, APIVersion: row.apiVersion}
		s.ops = strings.Fields(row.ops)
		s.actions = make([]string, len(s.ops))
		for j, op := range s.ops {
			s.actions[j] = lowerFirst(op)
		}
		services[i] = s
		serviceIndex[s.Name] = s
	}
}

// Services returns every service the tables know, sorted by Name. Only
// some are [Service.Modelled].
func Services() []*Service {
	servicesOnce.Do(loadServices)
	return services
}

// LookupService returns the service that AWS SDK integrations call name
// ("sfn", "eventbridge"), matched exactly.
func LookupService(name string) (*Service, bool) {
	servicesOnce.Do(loadServices)
	s, ok := serviceIndex[name]
	return s, ok
}

// Modelled reports whether the tables hold the shapes of the service's
// inputs and outputs, and not only the names of its actions.
func (s *Service) Modelled() bool {
	_, ok := serviceModels[s.Botocore]
	return ok
}

// Actions returns the names of the service's actions as integration
// resources spell them: camelCase ("startExecution"), sorted.
func (s *Service) Actions() []string { return s.actions }

// Action returns the service's action called name, which is camelCase as
// in an integration resource ("startExecution"). The error, an
// *[ResourceError] with code [UnknownAction], suggests the nearest name.
func (s *Service) Action(name string) (*Action, error) {
	i := sort.SearchStrings(s.ops, upperFirst(name))
	if i == len(s.ops) || s.actions[i] != name {
		return nil, &ResourceError{
			Code:       UnknownAction,
			Service:    s.Name,
			Action:     name,
			Suggestion: suggest(name, s.actions),
			msg:        fmt.Sprintf("service %q has no action %q", s.Name, name),
		}
	}
	return s.action(i), nil
}

// action returns the i-th action, with its shapes when the service is
// modelled.
func (s *Service) action(i int) *Action {
	s.once.Do(s.load)
	if a := s.actByOp[s.ops[i]]; a != nil {
		return a
	}
	return &Action{Service: s, Name: s.actions[i], Operation: s.ops[i]}
}

// Action is one API action of a service.
type Action struct {
	// Service is the service the action belongs to.
	Service *Service
	// Name is the action as integration resources spell it:
	// "startExecution".
	Name string
	// Operation is the model's name: "StartExecution".
	Operation string
	// Input and Output are the shapes of the action's request and
	// response, as Step Functions' AWS SDK integrations read and write
	// them; nil when the action has none or when the service is not
	// Modelled.
	Input, Output *Shape

	modelled bool
}

// Modelled reports whether Input and Output describe the action: false
// when only its name is known.
func (a *Action) Modelled() bool { return a.modelled }

// load decodes the service's model, once.
func (s *Service) load() {
	text, ok := serviceModels[s.Botocore]
	if !ok {
		return
	}
	acts, err := decodeModel(s, text)
	if err != nil {
		// The tables are generated; a decoding error is a bug in genapi
		// or model.go, which the tests catch.
		s.loadErr = err
		return
	}
	s.actByOp = acts
}

// decodeModel reads the compact form that genapi writes (see
// internal/genapi's encodeModel).
func decodeModel(s *Service, text string) (map[string]*Action, error) {
	lines := strings.Split(strings.Trim(text, "\n"), "\n")
	var opLines []string
	for len(lines) > 0 && strings.HasPrefix(lines[0], "@") {
		opLines, lines = append(opLines, lines[0]), lines[1:]
	}
	shapes := make([]Shape, len(lines))
	ref := func(tok string) (*Shape, error) {
		n, err := strconv.Atoi(tok)
		if err != nil || n < 0 || n >= len(shapes) {
			return nil, fmt.Errorf("bad shape reference %q", tok)
		}
		return &shapes[n], nil
	}
	for i, line := range lines {
		sh := &shapes[i]
		toks := strings.Split(line, " ")
		if len(toks) == 0 || toks[0] == "" {
			return nil, fmt.Errorf("shape %d: empty line", i)
		}
		code, toks := toks[0], toks[1:]
		switch code {
		case "s":
			sh.Type = String
		case "i":
			sh.Type = Integer
		case "l":
			sh.Type = Long
		case "f":
			sh.Type = Float
		case "d":
			sh.Type = Double
		case "b":
			sh.Type = Boolean
		case "t":
			sh.Type = Timestamp
		case "B":
			sh.Type = Blob
		case "D":
			sh.Type = Document
		case "L", "M", "S", "U":
		default:
			return nil, fmt.Errorf("shape %d: unknown type %q", i, code)
		}
		switch code {
		case "L":
			if len(toks) == 0 {
				return nil, fmt.Errorf("shape %d: list without element", i)
			}
			sh.Type = List
			elem, err := ref(toks[0])
			if err != nil {
				return nil, fmt.Errorf("shape %d: %v", i, err)
			}
			sh.Elem, toks = elem, toks[1:]
		case "M":
			if len(toks) < 2 {
				return nil, fmt.Errorf("shape %d: map without key and value", i)
			}
			sh.Type = Map
			key, err := ref(toks[0])
			if err != nil {
				return nil, fmt.Errorf("shape %d: %v", i, err)
			}
			val, err := ref(toks[1])
			if err != nil {
				return nil, fmt.Errorf("shape %d: %v", i, err)
			}
			sh.Key, sh.Elem, toks = key, val, toks[2:]
		case "S", "U":
			sh.Type, sh.Union = Structure, code == "U"
		}
		for _, tok := range toks {
			switch {
			case strings.HasPrefix(tok, "="):
				sh.Name = unescape(tok[1:])
			case strings.HasPrefix(tok, "<"), strings.HasPrefix(tok, ">"):
				f, err := strconv.ParseFloat(tok[1:], 64)
				if err != nil {
					return nil, fmt.Errorf("shape %d: bad bound %q", i, tok)
				}
				if tok[0] == '<' {
					sh.Min, sh.HasMin = f, true
				} else {
					sh.Max, sh.HasMax = f, true
				}
			case strings.HasPrefix(tok, "e="):
				vals := strings.Split(tok[2:], ",")
				for j := range vals {
					vals[j] = unescape(vals[j])
				}
				sh.Enum = vals
			default:
				name, target, ok := strings.Cut(tok, ":")
				if !ok || sh.Type != Structure {
					return nil, fmt.Errorf("shape %d: bad attribute %q", i, tok)
				}
				required := strings.HasSuffix(target, "!")
				m, err := ref(strings.TrimSuffix(target, "!"))
				if err != nil {
					return nil, fmt.Errorf("shape %d: %v", i, err)
				}
				sh.Members = append(sh.Members, Member{Name: unescape(name), Shape: m, Required: required})
			}
		}
		sh.index()
	}
	acts := make(map[string]*Action, len(opLines))
	for _, line := range opLines {
		toks := strings.Split(line[1:], " ")
		if len(toks) != 3 {
			return nil, fmt.Errorf("bad operation line %q", line)
		}
		a := &Action{Service: s, Name: lowerFirst(toks[0]), Operation: toks[0], modelled: true}
		for j, tok := range toks[1:] {
			if tok == "-" {
				continue
			}
			sh, err := ref(tok)
			if err != nil {
				return nil, fmt.Errorf("operation %s: %v", toks[0], err)
			}
			if j == 0 {
				a.Input = sh
			} else {
				a.Output = sh
			}
		}
		acts[a.Operation] = a
	}
	return acts, nil
}

// unescape reverses genapi's %XX escapes.
func unescape(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(n))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}

func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// ModelVersion returns the version and git commit of the botocore release
// whose API models the tables were generated from.
func ModelVersion() (version, commit string) { return botocoreVersion, botocoreCommit }
