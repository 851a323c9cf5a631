// The versions panel. It needs the package's prompt-history API; until the
// package has it, the panel stays hidden and the rest of the page works.

/** Sets up the versions panel; returns `{ onEdit }`, or null when there is none. */
export function setupVersions() {
  return null;
}
