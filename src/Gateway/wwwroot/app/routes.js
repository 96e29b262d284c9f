// Every page of the app, by the folder that owns it. A new role area or grant method adds one import here
// (methods add theirs in methods/index.js).
import './methods/index.js';
import './auth/routes.js';
import './centre/routes.js';
import './regulator/routes.js';
import './public/routes.js';
