// The en catalogue, one JSON file per namespace (see app/locales/languages.ts).
import admin from "./admin.json";
import auth from "./auth.json";
import buyer from "./buyer.json";
import common from "./common.json";
import discover from "./discover.json";
import email from "./email.json";
import farmer from "./farmer.json";
import hub from "./hub.json";
import messages from "./messages.json";
import validation from "./validation.json";

export default { common, validation, auth, buyer, farmer, hub, admin, email, discover, messages };
