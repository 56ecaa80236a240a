import "@fontsource-variable/source-sans-3";
import "./styles/app.css";

import { mount } from "svelte";

import App from "./App.svelte";
import { tauriBackend } from "./lib/api/tauri";

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");

export default mount(App, { target, props: { backend: tauriBackend } });
