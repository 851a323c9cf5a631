// The same package through `require` (types from index.d.cts).
import kit = require("cyberdesk-kit");

const vars: kit.Variable[] = kit.parsePrompt("{a}");
const err: kit.KitError = new kit.KitError("internal_error", "x");
export const both = [vars, err];
