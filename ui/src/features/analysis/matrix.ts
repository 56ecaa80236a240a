import type { ExcerptQueryInput } from "../../lib/api/bindings/ExcerptQueryInput";
import type { MatrixCellItem } from "../../lib/api/bindings/MatrixCellItem";
import type { MatrixView } from "../../lib/api/bindings/MatrixView";

/** What a matrix cell shows: its count, its share of the row or column total, or Jaccard. */
export type CellShows = "count" | "row" | "col" | "jaccard";

/** The number a cell shows. */
export function cellValue(cell: MatrixCellItem, shows: CellShows): number {
  switch (shows) {
    case "count":
      return cell.count;
    case "row":
      return cell.rowShare;
    case "col":
      return cell.colShare;
    case "jaccard":
      return cell.jaccard ?? 0;
  }
}

/**
 * The matrix without the rows (and, for a co-occurrence matrix, the columns) whose total is 0:
 * codes no one has used yet. Cells keep their places.
 */
export function withoutEmpty(m: MatrixView, columnsToo: boolean): MatrixView {
  const rows = m.rows.flatMap((r, i) => (r.total > 0 ? [i] : []));
  const cols = m.cols.flatMap((c, j) => (!columnsToo || c.total > 0 ? [j] : []));
  return {
    count: m.count,
    rows: rows.map((i) => m.rows[i]!),
    cols: cols.map((j) => m.cols[j]!),
    cells: rows.map((i) => cols.map((j) => m.cells[i]![j]!)),
  };
}

/**
 * A cell's heat, 0 to 1: its value against the largest value the matrix shows (the diagonal of a
 * co-occurrence matrix, each code with itself, left out so it does not wash out the rest).
 */
export function heat(m: MatrixView, shows: CellShows): number[][] {
  const diagonal = (i: number, j: number) => m.cols[j]?.code != null && m.rows[i]?.code.guid === m.cols[j]?.code;
  let max = 0;
  m.cells.forEach((row, i) =>
    row.forEach((cell, j) => {
      if (!diagonal(i, j)) max = Math.max(max, cellValue(cell, shows));
    }),
  );
  return m.cells.map((row, i) => row.map((cell, j) => (max > 0 && !diagonal(i, j) ? Math.min(1, cellValue(cell, shows) / max) : 0)));
}

/** The excerpt query behind a cell: the column's query with the row's code. */
export function cellQuery(m: MatrixView, row: number, col: number): ExcerptQueryInput {
  const query = m.cols[col]!.query;
  return { ...query, code: m.rows[row]!.code.guid, steps: query.steps.map((s) => ({ ...s })), attributes: [...query.attributes] };
}
