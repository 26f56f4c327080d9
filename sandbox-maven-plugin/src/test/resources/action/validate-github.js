// Validates GitHub Actions files against SchemaStore's published schemas (github-action.json,
// github-workflow.json), as @action-validator/core ships them. Arguments: the package's folder, then
// "action=<file>" or "workflow=<file>" pairs. Prints each file's errors as JSON; exits 1 when any has errors.
const validator = require(process.argv[2]);
const fs = require('fs');
let failed = false;
for (const arg of process.argv.slice(3)) {
  const [kind, file] = arg.split(/=(.*)/s);
  const source = fs.readFileSync(file, 'utf8');
  const state = kind === 'action' ? validator.validateAction(source) : validator.validateWorkflow(source);
  console.log(JSON.stringify({ file, kind, errors: state.errors }));
  failed = failed || state.errors.length > 0;
}
process.exit(failed ? 1 : 0);
