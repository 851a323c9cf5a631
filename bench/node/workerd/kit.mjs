// Served by workerd for the cold-start figure: the package is imported when
// workerd loads the Worker (the .wasm is a compiled Wasm module, instantiated
// on import) and the first validate runs in the first request.
import { validate } from "cyberdesk-kit";
import fixture from "../../fixtures/workflow_update_small_valid.json";

export default {
  fetch() {
    const valid = validate(fixture.schema, fixture.payload).length === 0;
    return new Response(JSON.stringify({ valid }));
  },
};
