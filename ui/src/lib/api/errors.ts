import type { CommandError } from "./bindings/CommandError";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { MessageKey } from "../i18n/types";

const codes: Record<ErrorCode, MessageKey> = {
  noProject: "error.noProject",
  projectTooNew: "error.projectTooNew",
  notAProject: "error.notAProject",
  io: "error.io",
  unknownDocument: "error.unknownDocument",
  projectExists: "error.projectExists",
  undoConflict: "error.undoConflict",
  other: "error.other",
};

/** True for the `{ code, message }` objects commands reject with. */
export function isCommandError(value: unknown): value is CommandError {
  return (
    typeof value === "object" &&
    value !== null &&
    "code" in value &&
    "message" in value &&
    typeof value.code === "string" &&
    value.code in codes &&
    typeof value.message === "string"
  );
}

/** Whatever was thrown, as a CommandError (unknown failures get code `other`). */
export function toCommandError(value: unknown): CommandError {
  if (isCommandError(value)) return value;
  const message = value instanceof Error ? value.message : String(value);
  return { code: "other", message };
}

/** The dictionary key that explains an error code to the researcher. */
export function errorMessageKey(code: ErrorCode): MessageKey {
  return codes[code];
}
