// Served by workerd for the cold-start figure: no validator at all, so that
// (process start to first response) minus this is what a validator costs.
import fixture from "../../fixtures/workflow_update_small_valid.json";

export default {
  fetch() {
    return new Response(JSON.stringify({ valid: fixture.payload !== null }));
  },
};
