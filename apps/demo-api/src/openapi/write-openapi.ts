import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ROUTES } from "../routes/all-routes.js";
import { openApiText } from "./openapi-document.js";

/** Where the checked-in document lives. */
export const OPENAPI_FILE = fileURLToPath(new URL("../../openapi.json", import.meta.url));

writeFileSync(OPENAPI_FILE, openApiText(ROUTES));
console.log(`wrote ${OPENAPI_FILE}`);
