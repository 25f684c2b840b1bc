/** Collects units in document order and keeps ids unique. */
import type { Unit, UnitType } from "../model/document.js";
import { joinLine } from "./lines.js";

export class UnitBuilder {
  private readonly list: Unit[] = [];
  readonly warnings: string[] = [];
  private readonly used = new Map<string, number>();
  /**
   * Text of each unit as pieces, joined once at the end: appending to one long string and looking
   * at its tail would flatten it on every line (quadratic on long quoted passages).
   */
  private readonly pieces: string[][] = [];

  /**
   * Adds a unit under `parent` (undefined = top level). When `id` is taken the unit gets "id~2",
   * "id~3" ... and `onDuplicate` is called with the new id (callers turn it into a warning).
   */
  add(
    type: UnitType,
    label: string,
    id: string,
    parent: number | undefined,
    fields: { heading?: string; text?: string } = {},
    onDuplicate?: (newId: string) => void,
  ): number {
    let finalId = id;
    const seen = this.used.get(id);
    if (seen !== undefined) {
      let k = seen + 1;
      while (this.used.has(`${id}~${k}`)) k++;
      finalId = `${id}~${k}`;
      this.used.set(id, k);
      onDuplicate?.(finalId);
    } else {
      this.used.set(id, 1);
    }
    if (finalId !== id) this.used.set(finalId, 1);
    const unit: Unit = { id: finalId, type, label, text: "", children: [] };
    if (fields.heading) unit.heading = fields.heading;
    if (parent !== undefined) {
      unit.parent = parent;
      this.list[parent].children.push(this.list.length);
    }
    this.list.push(unit);
    this.pieces.push(fields.text ? [fields.text] : []);
    return this.list.length - 1;
  }

  /** Appends a line to a unit's text (wrapped continuations join with a space, see joinLine). */
  appendText(index: number, line: string): void {
    if (!line) return;
    const p = this.pieces[index];
    if (p.length === 0) {
      p.push(line);
      return;
    }
    const last = p[p.length - 1];
    // joinLine only looks at the end of the previous text and the start of the line
    const joined = joinLine(last.length > 64 ? last.slice(-64) : last, line);
    p.push(joined.slice(Math.min(last.length, 64)));
  }

  /** Current text of a unit (joins its pieces; use sparingly while building). */
  textOf(index: number): string {
    return this.pieces[index].join("");
  }

  unit(index: number): Unit {
    return this.list[index];
  }

  id(index: number): string {
    return this.list[index].id;
  }

  /** The units with their texts, in document order. */
  finish(): Unit[] {
    for (let i = 0; i < this.list.length; i++) this.list[i].text = this.pieces[i].join("");
    return this.list;
  }
}
