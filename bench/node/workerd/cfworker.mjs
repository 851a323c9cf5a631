// Served by workerd for the cold-start figure: @cfworker/json-schema (Ajv
// cannot run here: workerd forbids eval). Built on import, first validate in
// the first request.
import { Validator } from "@cfworker/json-schema";
import spec from "../../../crates/cyberdesk-kit/spec/openapi.json";
import fixture from "../../fixtures/workflow_update_small_valid.json";

const validator = new Validator({ $ref: `#/components/schemas/${fixture.schema}`, components: spec.components }, "2020-12", false);

export default {
  fetch() {
    const valid = validator.validate(fixture.payload).valid;
    return new Response(JSON.stringify({ valid }));
  },
};
