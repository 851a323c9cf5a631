// CommonJS runner: `require("cyberdesk-kit")`, synchronously, with no init.
"use strict";
const kit = require("cyberdesk-kit");

import("./smoke.mjs").then(({ smoke }) => {
  console.log(`SMOKE_RUNTIME node ${process.versions.node} (cjs)`);
  console.log(`SMOKE_RESULT ${JSON.stringify(smoke(kit))}`);
});
