//! Reading zip containers (docx, odt) without path traversal or zip bombs.
