// Phones: tables stack on narrow screens (scraip.scss); each cell is labelled with its column's
// heading so a stacked row still reads "Status: Open". Headings spanning columns are counted.
export function labelTableCells(root = document) {
  for (const table of root.querySelectorAll("table.govuk-table")) {
    const headingRow = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!headingRow) continue;
    const headings = [];
    for (const cell of headingRow.cells) {
      for (let span = 0; span < (cell.colSpan || 1); span += 1) {
        headings.push(cell.textContent.trim().replace(/\s+/g, " "));
      }
    }
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          if (!cell.hasAttribute("data-label") && headings[column]) {
            cell.setAttribute("data-label", headings[column]);
          }
          column += cell.colSpan || 1;
        }
      }
    }
  }
}
