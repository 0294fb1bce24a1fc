/** Protection of a sheet or range. Stored as ProtectionSpec on the sheet model; enforced by guards.ts. */
import { Env } from '../env';
import { gasError } from '../errors';
import { conforms, registerService, Service } from '../instrument';
import { GridRef } from '../model/a1';
import { SheetModel } from '../model/sheetModel';
import { ProtectionSpec } from '../model/specs';
import { Workbook } from '../model/workbook';
import { EmuRange } from './range';
import { EmuUser } from '../services/session';

/** Range.protect() / Sheet.protect(): new protections let only the owner and the caller edit. */
export function newProtection(env: Env, wb: Workbook, sheet: SheetModel, range: GridRef | null): EmuProtection {
  if (!range) {
    const existing = sheet.protections.find((p) => p.type === 'SHEET');
    if (existing) return new EmuProtection(env, wb, sheet, existing);
  }
  const editors = [...new Set([wb.owner, env.runAs])];
  const spec: ProtectionSpec = {
    id: wb.nextId(),
    type: range ? 'RANGE' : 'SHEET',
    sheetId: sheet.id,
    range,
    description: '',
    warningOnly: false,
    editors,
    unprotected: [],
    domainEdit: false,
  };
  sheet.protections.push(spec);
  return new EmuProtection(env, wb, sheet, spec);
}

function emailOf(user: unknown): string {
  if (user instanceof EmuUser) return user.getEmail();
  return String(user);
}

export class EmuProtection extends Service {
  constructor(
    private readonly env: Env,
    private readonly wb: Workbook,
    private readonly sheet: SheetModel,
    private readonly spec: ProtectionSpec,
  ) {
    super();
  }

  private _live(): ProtectionSpec {
    if (!this.sheet.protections.includes(this.spec)) throw gasError('The protection has been removed.');
    return this.spec;
  }

  private _requireOwnerOrEditor(): void {
    if (this.env.runAs !== this.wb.owner && !this.spec.editors.includes(this.env.runAs)) {
      throw gasError('You do not have permission to modify this protection.');
    }
  }

  getProtectionType(): string {
    return this.spec.type;
  }
  getDescription(): string {
    return this.spec.description;
  }
  setDescription(description: string): this {
    this._live().description = String(description);
    return this;
  }
  isWarningOnly(): boolean {
    return this.spec.warningOnly;
  }
  setWarningOnly(warningOnly: boolean): this {
    this._requireOwnerOrEditor();
    this._live().warningOnly = !!warningOnly;
    return this;
  }
  getRange(): EmuRange {
    const r = this.spec.range ?? { row: 1, col: 1, numRows: this.sheet.maxRows, numCols: this.sheet.maxColumns };
    return new EmuRange(this.env, this.wb, this.sheet, { ...r });
  }
  setRange(range: EmuRange): this {
    if (this.spec.type !== 'RANGE') throw gasError('Cannot set the range of a sheet protection.');
    this._live().range = { row: range.getRow(), col: range.getColumn(), numRows: range.getNumRows(), numCols: range.getNumColumns() };
    return this;
  }
  getRangeName(): string | null {
    return null;
  }
  getEditors(): EmuUser[] {
    return this.spec.editors.map((e) => new EmuUser(e));
  }
  addEditor(emailAddress: unknown): this {
    return this.addEditors([emailAddress]);
  }
  addEditors(emailAddresses: unknown[]): this {
    this._requireOwnerOrEditor();
    const spec = this._live();
    for (const e of emailAddresses.map(emailOf)) if (!spec.editors.includes(e)) spec.editors.push(e);
    return this;
  }
  removeEditor(emailAddress: unknown): this {
    return this.removeEditors([emailAddress]);
  }
  /** The owner (and the caller) can never be removed, as in Sheets. */
  removeEditors(emailAddresses: unknown[]): this {
    this._requireOwnerOrEditor();
    const spec = this._live();
    const drop = new Set(emailAddresses.map(emailOf));
    spec.editors = spec.editors.filter((e) => !drop.has(e) || e === this.wb.owner || e === this.env.runAs);
    return this;
  }
  canEdit(): boolean {
    return this.env.runAs === this.wb.owner || this.spec.editors.includes(this.env.runAs);
  }
  canDomainEdit(): boolean {
    return this.spec.domainEdit;
  }
  setDomainEdit(editable: boolean): this {
    this._live().domainEdit = !!editable;
    return this;
  }
  getUnprotectedRanges(): EmuRange[] {
    return this.spec.unprotected.map((r) => new EmuRange(this.env, this.wb, this.sheet, { ...r }));
  }
  setUnprotectedRanges(ranges: EmuRange[]): this {
    if (this.spec.type !== 'SHEET') throw gasError('Unprotected ranges can only be set on a sheet protection.');
    this._live().unprotected = ranges.map((r) => ({
      row: r.getRow(),
      col: r.getColumn(),
      numRows: r.getNumRows(),
      numCols: r.getNumColumns(),
    }));
    return this;
  }
  remove(): void {
    this._requireOwnerOrEditor();
    this.sheet.protections = this.sheet.protections.filter((p) => p !== this.spec);
  }
}

registerService(EmuProtection, 'Protection', {
  local: [
    'getProtectionType',
    'getDescription',
    'isWarningOnly',
    'getRange',
    'getRangeName',
    'getEditors',
    'canEdit',
    'canDomainEdit',
    'getUnprotectedRanges',
  ],
});
conforms<EmuProtection, GoogleAppsScript.Spreadsheet.Protection>(true);
