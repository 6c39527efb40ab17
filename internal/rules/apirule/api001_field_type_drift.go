package apirule

import "github.com/buttresspy/buttress/internal/analysis"

// FieldTypeDrift reports a field of an entity typed differently in two places.
var FieldTypeDrift = &analysis.Rule{
	Code: "API001", Name: "field-type-drift",
	NotIn:   analysis.NotInTestsOrGenerated,
	Summary: "the same field of the same entity typed differently in two places (User.id: int here, str there)",
	Rationale: "Teams describe one entity several times: the domain model, the API schema, the " +
		"database row, the message on a queue. When `User.id` is an `int` in one and a `str` in " +
		"another, nothing fails until the two meet at run time, often far from either definition. " +
		"The rule compares the annotated fields of data classes across the project (dataclasses, " +
		"attrs classes, pydantic models, TypedDicts, NamedTuples) by the class's name, and a field " +
		"named `<entity>_id` (`Order.user_id`) with the entity's `id`. It reports each definition " +
		"that disagrees with the type most of the entity's definitions agree on (all of them when " +
		"there is no majority), with the others as notes. Annotations are compared as types " +
		"(`Optional[int]` is `int | None`), and `X | None` agrees with `X` (a schema's id before the " +
		"object is saved). Different entities that share a field name (`Invoice.id: str`) are " +
		"never compared. Fix the wrong annotation, or give different entities different names. " +
		"Entities are compared within one top-level package. Off by default: on Django it reports " +
		"nothing (no data classes), and on the 3.11 site-packages all 1,136 findings read are two " +
		"entities of one name on purpose, not a drift: libcst's matchers mirror its nodes with " +
		"matcher types (1,126), pydantic's v1 and v2 ConfigDict, JWS and JWE serialisations in " +
		"joserfc, two appmesh Match classes in moto. Turn it on where one name should mean one " +
		"entity: a service's domain, schemas and rows.",
	Bad: "# shop/domain/models.py\n@dataclass\nclass User:\n    id: int\n\n" +
		"# shop/api/schemas.py\nclass User(BaseModel):\n    id: str\n",
	Good: "# shop/domain/models.py\n@dataclass\nclass User:\n    id: int\n\n" +
		"# shop/api/schemas.py\nclass User(BaseModel):\n    id: int\n",
	Project: true,
}
