package contracts

import (
	"github.com/buttresspy/buttress/internal/analysis"
)

// The codes of contract findings: one per contract type, and two about the contracts
// themselves.
const (
	CodeLayers       = "ARCH001"
	CodeForbidden    = "ARCH002"
	CodeIndependence = "ARCH003"
	CodeAcyclic      = "ARCH004"
	CodeAllowed      = "ARCH005"
	CodeInterface    = "ARCH006"
	CodeExternal     = "ARCH007"
	CodeProtected    = "ARCH008"
	CodeUnusedIgnore = "ARCH009"
	CodeContract     = "ARCH010"
	CodeUnstable     = "ARCH011"
)

// Rules describes the contract findings as rules, so that they are listed, selected and
// ignored like every other finding (`buttress rule ARCH001`, `ignore = ["ARCH009"]`).
func Rules() []*analysis.Rule {
	return []*analysis.Rule{
		{
			Code: CodeLayers, Name: "layer-violation", Default: true, Project: true,
			Summary: "A layer imports a higher layer, a sibling it must be independent of, or skips a closed layer",
			Rationale: "Layers are only real when a machine checks them: once a low layer imports a high one, " +
				"the two can no longer change, be tested or be deployed apart. The finding shows the whole " +
				"import chain, each hop with file:line; break it at the hop that goes the wrong way, or move " +
				"the shared code down a layer.",
			Bad: `[[tool.buttress.contracts]]
name = "layered"
type = "layers"
layers = ["shop.api", "shop.domain", "shop.infrastructure"]
# shop/infrastructure/email.py: from shop.api.schemas import Order`,
			Good: `# shop/infrastructure/email.py imports only shop.infrastructure and lower:
# the schema it needs moves to shop.domain`,
		},
		{
			Code: CodeForbidden, Name: "forbidden-import", Default: true, Project: true,
			Summary: "A module imports a module its contract forbids, directly or through a chain",
			Rationale: "Some dependencies are decisions: the domain must not know the web framework, the " +
				"tests helpers must not reach production code. A forbidden contract makes the decision " +
				"checkable, indirect imports included.",
			Bad: `[[tool.buttress.contracts]]
name = "domain is framework-free"
type = "forbidden"
source-modules = ["shop.domain"]
forbidden-modules = ["shop.api", "fastapi"]
# shop/domain/orders.py: import fastapi`,
			Good: `# shop/domain/orders.py depends on neither shop.api nor fastapi`,
		},
		{
			Code: CodeIndependence, Name: "dependent-modules", Default: true, Project: true,
			Summary: "Two modules that must be independent import one another, directly or through a chain",
			Rationale: "Independent components can be owned, changed and released by different teams. One " +
				"import between them, even through a helper module, ties their releases together.",
			Bad: `[[tool.buttress.contracts]]
name = "features are independent"
type = "independence"
modules = ["shop.billing", "shop.catalog"]
# shop/billing/invoice.py: from shop.catalog import Product`,
			Good: `# shop/billing/invoice.py takes what it needs from a lower, shared module`,
		},
		{
			Code: CodeAcyclic, Name: "package-cycle", Default: true, Project: true,
			Summary: "The children of a package, or chosen modules, import each other in a cycle",
			Rationale: "Modules in a cycle can only be understood, tested and changed together. The finding " +
				"names the smallest set of dependencies whose removal breaks every cycle, with the number " +
				"of imports each one stands for.",
			Bad: `[[tool.buttress.contracts]]
name = "no cycles in the domain"
type = "acyclic"
packages = ["shop.domain"]
# orders imports pricing, and pricing imports orders`,
			Good: `# pricing no longer imports orders: the shared type moved to a third module`,
		},
		{
			Code: CodeAllowed, Name: "undeclared-dependency", Default: true, Project: true,
			Summary: "A module imports a module it does not declare in depends-on, or one it cannot depend on (with tach's exact = true, also: a declared dependency no import uses)",
			Rationale: "Declared dependencies are the architecture as a list: a new dependency is then a " +
				"reviewed change of the configuration, not an accident in a pull request.",
			Bad: `[[tool.buttress.contracts]]
name = "declared dependencies"
type = "allowed"
modules = [{ module = "shop.api", depends-on = ["shop.domain"] }]
# shop/api/orders.py: from shop.infrastructure import db`,
			Good: `modules = [{ module = "shop.api", depends-on = ["shop.domain", "shop.infrastructure"] }]`,
		},
		{
			Code: CodeInterface, Name: "private-import", Default: true, Project: true,
			Summary: "A module imports a name that is not part of another package's interface",
			Rationale: "A package's interface is what others may rely on; everything else can change without " +
				"notice. Importing internals makes every refactoring of the package a breaking change.",
			Bad: `[[tool.buttress.contracts]]
name = "payments interface"
type = "interface"
packages = ["shop.payments"]
expose = ["charge", "Refund"]
# shop/api/checkout.py: from shop.payments.gateway import _sign`,
			Good: `# shop/api/checkout.py: from shop.payments import charge`,
		},
		{
			Code: CodeExternal, Name: "external-import", Default: true, Project: true,
			Summary: "A module imports a third-party or standard-library package its contract does not allow",
			Rationale: "Keeping frameworks and drivers at the edge is what lets the core outlive them: the " +
				"domain should not import django or sqlalchemy.",
			Bad: `[[tool.buttress.contracts]]
name = "domain has no infrastructure dependencies"
type = "external"
modules = ["shop.domain"]
deny = ["sqlalchemy", "requests"]
# shop/domain/orders.py: import requests`,
			Good: `# shop/domain/orders.py uses a port, implemented in shop.infrastructure`,
		},
		{
			Code: CodeProtected, Name: "protected-import", Default: true, Project: true,
			Summary: "A module imports a protected module without being one of its allowed importers",
			Rationale: "Some modules are meant for a few callers only (a repository for its service, a " +
				"migration helper for migrations). import-linter calls these protected modules.",
			Bad: `[[tool.importlinter.contracts]]
name = "models only through repositories"
type = "protected"
protected_modules = ["shop.models"]
allowed_importers = ["shop.repositories"]
# shop/api/orders.py: from shop.models import Order`,
			Good: `# shop/api/orders.py: from shop.repositories import orders`,
		},
		{
			Code: CodeUnusedIgnore, Name: "unused-ignore-import", Default: true, Project: true,
			Summary: "An ignore-imports entry of a contract matches no import (or a tach-ignore comment silences nothing, or lacks the reason tach's rules require)",
			Rationale: "An exception that no longer matches an import hides nothing today and will hide a " +
				"new violation tomorrow. Remove it: the list of exceptions only ever shrinks.",
			Bad: `ignore-imports = ["shop.api.old -> shop.infrastructure.db"]
# shop/api/old.py was deleted`,
			Good: `ignore-imports = []`,
		},
		{
			Code: CodeContract, Name: "contract-error", Default: true, Project: true,
			Summary: "A contract names modules that do not exist, or cannot be checked as written",
			Rationale: "A contract about a module that was renamed checks nothing, silently. buttress reports " +
				"each name that matches no module, at its line in the configuration.",
			Bad:  `layers = ["shop.api", "shop.domian"]`,
			Good: `layers = ["shop.api", "shop.domain"]`,
		},
		{
			Code: CodeUnstable, Name: "unstable-layer", Default: true, Project: true,
			Summary: "A layer is less stable than its max-instability allows (Robert C. Martin's instability)",
			Rationale: "A layer that many modules depend on should depend on little itself: each of its " +
				"outgoing imports is a reason for it, and for everything above it, to change. Instability " +
				"I = Ce / (Ca + Ce), where Ce counts the modules outside the layer that it imports and Ca " +
				"the modules outside it that import it (through the imports the contract sees), is 0 for a " +
				"layer that only others lean on and 1 for one nothing leans on. A layer table's " +
				"`max-instability` bounds it; the finding, at the layer's line in the configuration, names " +
				"the modules it imports. Move what they provide down, or behind an interface in the layer.",
			Bad: `layers = ["shop.api", { name = "shop.domain", max-instability = 0.2 }, "shop.infrastructure"]
# shop.domain imports 6 modules outside it and 3 modules import it: I = 0.67`,
			Good: `# shop.domain imports 1 module outside it, 9 import it: I = 0.10`,
		},
	}
}
