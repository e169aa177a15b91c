// Loaded as a module from base.html: CSP allows no inline script, so the GOV.UK Frontend
// "js-enabled" classes and component initialisation live here.
import { initAll } from "../dist/govuk-frontend.min.js";
import { labelTableCells } from "./tables.js";

initAll();
labelTableCells();
