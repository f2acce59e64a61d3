import { describe, expect, test } from 'vitest';
import { looksLikeFormula, spreadsheetCell, unquoteSpreadsheetCell } from './spreadsheet-cell.ts';

describe('the spreadsheet formula guard', () => {
  test.each(['=1+1', '+1', '-1+cmd', '@SUM(A1)', '\t=1', '\r=1', '\n=1', '＝1', '＋1', '－1', '＠x'])('%j gets an apostrophe, and the import takes it off again', (text) => {
    expect(looksLikeFormula(text)).toBe(true);
    expect(spreadsheetCell(text)).toBe(`'${text}`);
    expect(unquoteSpreadsheetCell(String(spreadsheetCell(text)))).toBe(text);
  });

  test('plain text, numbers and empty cells are left as they are', () => {
    for (const text of ['Plan', ' =1 is a space first', "'quoted", 'a=b', '']) expect(spreadsheetCell(text)).toBe(text);
    expect(spreadsheetCell(-5)).toBe(-5);
    expect(spreadsheetCell(null)).toBe('');
    expect(spreadsheetCell(undefined)).toBe('');
    expect(unquoteSpreadsheetCell("'plain")).toBe("'plain");
  });
});
