//! Tolk's desktop shell. Commands (`commands`) translate between the UI's DTOs (`dto`) and the
//! `tolk` core; the core does all the work. Start with a project: `tolk-app path/to/P.tolk`.

pub mod analysis;
pub mod codebook;
pub mod coding;
pub mod commands;
pub mod dto;
pub mod error;
pub mod excerpts;
pub mod export;
pub mod history;
pub mod import;
pub mod informants;
pub mod memos;
pub mod search;
pub mod state;

use std::path::PathBuf;

use tauri::Manager;

use crate::state::{AppState, DialogHook, StartupError};

/// The project path given on the command line, if any (the first argument that is not a flag).
fn project_argument() -> Option<PathBuf> {
    std::env::args_os()
        .skip(1)
        .find(|a| !a.to_string_lossy().starts_with('-'))
        .map(PathBuf::from)
}

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState::default())
        .manage(StartupError::default())
        .manage(DialogHook::from_env())
        .manage(import::ImportCancel::default())
        .setup(|app| {
            if let Some(path) = project_argument() {
                if let Err(err) = commands::open_into_state(app.handle(), path) {
                    eprintln!("tolk: {}", err.message);
                    app.state::<StartupError>().set(err);
                }
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(drop) = event {
                import::forward_drag_drop(window, drop);
            }
            if let tauri::WindowEvent::Destroyed = event {
                let project = window
                    .state::<AppState>()
                    .project
                    .lock()
                    .ok()
                    .and_then(|mut p| p.take());
                if let Some(project) = project {
                    if let Err(err) = project.close() {
                        eprintln!("tolk: closing the project failed: {err}");
                    }
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::current_project,
            commands::open_project,
            commands::list_documents,
            commands::get_document,
            commands::rename_document,
            commands::delete_preview,
            commands::delete_document,
            commands::pick_project_file,
            import::pick_import_files,
            import::preview_import,
            import::import_files,
            import::cancel_import,
            #[cfg(debug_assertions)]
            import::test_drop_paths,
            commands::recent_projects,
            commands::forget_recent,
            commands::create_project,
            commands::close_project,
            informants::list_informants,
            informants::merge_informants,
            informants::set_informant_attribute,
            informants::remove_informant_attribute,
            informants::set_document_attribute,
            informants::remove_document_attribute,
            informants::pick_attribute_csv,
            informants::import_attribute_csv,
            informants::set_speaker_role,
            coding::document_codings,
            coding::code_span,
            coding::code_turn,
            coding::uncode,
            coding::reassign_coding,
            coding::adjust_coding,
            coding::extend_coding_to_turns,
            coding::code_with_new_code,
            coding::palette_codes,
            coding::recent_codes,
            excerpts::run_excerpt_query,
            excerpts::list_query_codes,
            excerpts::excerpt_context,
            memos::get_memo,
            memos::set_memo,
            memos::list_memos,
            memos::export_memos,
            memos::list_coders,
            memos::set_current_coder,
            codebook::codebook,
            codebook::code_info,
            codebook::create_code,
            codebook::rename_code,
            codebook::set_code_color,
            codebook::move_code,
            codebook::merge_codes,
            codebook::code_codings,
            codebook::split_code,
            codebook::edit_code,
            codebook::delete_code_preview,
            codebook::delete_code,
            codebook::set_family_hidden,
            codebook::add_builtin_codebook,
            codebook::import_codebook,
            codebook::export_codebook,
            history::undo,
            history::redo,
            history::undo_state,
            history::history,
            history::export_history,
            search::search,
            search::code_hit,
            search::code_all_hits,
            search::saved_searches,
            search::save_search,
            search::delete_saved_search,
            export::export_preview,
            export::export_excerpts,
            export::export_codebook_as,
            export::export_report,
            export::citation_templates,
            export::save_citation_template,
            export::delete_citation_template,
            export::coding_notes,
            export::set_coding_translation,
            export::set_coding_omissions,
            analysis::theme_summary,
            analysis::theme_word_lines,
            analysis::set_quote_choice,
            analysis::quote_choices,
            analysis::code_frequencies,
            analysis::code_matrix,
            analysis::cooccurrence_matrix,
            analysis::framework_matrix,
            analysis::set_framework_cell,
            analysis::framework_cell_excerpts,
            analysis::chart,
            analysis::save_chart,
        ])
        .run(tauri::generate_context!())
        .expect("error while running the Tolk window");
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    fn json_file(text: &str) -> Value {
        serde_json::from_str(text).expect("valid JSON")
    }

    #[test]
    fn csp_runs_no_inline_or_eval_scripts_and_no_inline_styles() {
        let conf = json_file(include_str!("../tauri.conf.json"));
        let csp = conf["app"]["security"]["csp"]
            .as_str()
            .expect("a CSP is set");
        assert!(!csp.contains("unsafe-"), "{csp}");
        assert!(csp.contains("script-src 'self';"), "{csp}");
        assert!(csp.contains("style-src 'self';"), "{csp}");
    }

    #[test]
    fn builds_embed_ui_dist_and_never_load_a_dev_server() {
        // tauri.md P1: a devUrl here makes plain `cargo build` binaries load localhost:5173.
        let conf = json_file(include_str!("../tauri.conf.json"));
        assert_eq!(conf["build"]["frontendDist"], "../ui/dist");
        assert!(conf["build"].get("devUrl").is_none());
        assert_eq!(conf["bundle"]["targets"], json!(["deb"]));
    }

    #[test]
    fn the_webview_gets_core_defaults_only() {
        // No fs:, shell: or dialog: permissions: dialogs are opened from Rust commands.
        let cap = json_file(include_str!("../capabilities/default.json"));
        assert_eq!(cap["permissions"], json!(["core:default"]));
        assert_eq!(cap["windows"], json!(["main"]));
    }
}
