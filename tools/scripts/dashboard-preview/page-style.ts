/** Grid height of one dashboard unit, in CSS pixels (CloudWatch's grid is 24 columns wide). */
export const ROW_HEIGHT_PX = 34;

/** The page's own stylesheet: CloudWatch's grid, plain widgets, a legend under each chart. */
export const PAGE_STYLE = `
* { box-sizing: border-box; }
body { margin: 0; padding: 16px; background: #f2f3f3; color: #16191f;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
header { margin: 0 0 12px; }
header h1 { font-size: 18px; margin: 0 0 2px; }
header p { margin: 0; color: #545b64; }
.grid { display: grid; grid-template-columns: repeat(24, 1fr); grid-auto-rows: ${ROW_HEIGHT_PX}px;
  gap: 8px; }
.widget { background: #fff; border: 1px solid #d5dbdb; border-radius: 4px; padding: 8px 10px;
  display: flex; flex-direction: column; min-width: 0; min-height: 0; overflow: hidden; }
.widget h2 { font-size: 14px; margin: 0 0 4px; font-weight: 600; }
.widget .chart { flex: 1; min-height: 0; }
.widget.text { overflow: auto; }
.widget.text h1, .widget.text h2, .widget.text h3 { margin: 0 0 6px; }
.widget.text p { margin: 0 0 6px; }
.widget.text ul, .widget.text ol { margin: 0 0 6px; padding-left: 20px; }
code { background: #f1f3f3; border-radius: 3px; padding: 0 3px; font-size: 12px; }
.legend { list-style: none; margin: 4px 0 0; padding: 0; display: flex; flex-wrap: wrap;
  gap: 2px 12px; font-size: 12px; color: #414750; }
.legend li { display: flex; align-items: center; gap: 5px; }
.swatch { display: inline-block; width: 14px; height: 3px; border-radius: 1px; }
.swatch.dashed { height: 0; border-top: 2px dashed; background: none; }
`;
