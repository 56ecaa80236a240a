import { createContext } from "svelte";

import type { Backend } from "./api/backend";
import type { I18n } from "./i18n/i18n.svelte";
import type { Workspace } from "./state/workspace.svelte";

/** The Backend (Tauri in the app, a fake in tests). */
export const [getBackend, setBackend] = createContext<Backend>();
/** The UI language and `t()`. */
export const [getI18n, setI18n] = createContext<I18n>();
/** The open project, its documents and the document being read. */
export const [getWorkspace, setWorkspace] = createContext<Workspace>();
