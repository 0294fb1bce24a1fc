import { setup } from './helpers';

describe('Ui and HtmlService', () => {
  it('records menus, sidebars, alerts and toasts', () => {
    const { SpreadsheetApp, HtmlService, rt, ss } = setup({ htmlFiles: { Sidebar: '<h1>CRM</h1>' } });
    const ui = SpreadsheetApp.getUi();
    ui.createMenu('CRM')
      .addItem('Open sidebar', 'showSidebar')
      .addSeparator()
      .addSubMenu(ui.createMenu('Admin').addItem('Setup', 'setupWorkbook'))
      .addToUi();
    ui.createMenu('CRM').addItem('Open sidebar', 'showSidebar').addToUi(); // re-adding replaces
    expect(rt.ui.menus).toEqual([
      { name: 'CRM', addon: false, items: [{ type: 'item', caption: 'Open sidebar', functionName: 'showSidebar' }] },
    ]);
    ui.showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('CRM sidebar'));
    expect(rt.ui.sidebar).toEqual({ title: 'CRM sidebar', html: '<h1>CRM</h1>' });
    expect(ui.alert('Saved')).toBe(ui.Button.OK);
    expect(ui.alert('Delete?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    ss.toast('Done', 'CRM');
    expect(rt.ui.alerts).toEqual(['Saved', 'Delete?']);
    expect(rt.ui.toasts).toEqual(['CRM: Done']);
    expect(() => HtmlService.createHtmlOutputFromFile('Nope')).toThrow(/No HTML file/);
  });

  it('evaluates templates with <?= ?> (escaped), <?!= ?> and <? ?>', () => {
    const { HtmlService } = setup({ htmlFiles: { Page: '<p><?= name ?></p><?!= raw ?><? for (var i = 0; i < 2; i++) { ?>i<? } ?>' } });
    const t = HtmlService.createTemplateFromFile('Page');
    (t as unknown as Record<string, unknown>).name = '<b>A&B</b>';
    (t as unknown as Record<string, unknown>).raw = '<i>x</i>';
    expect(t.evaluate().getContent()).toBe('<p>&lt;b&gt;A&amp;B&lt;/b&gt;</p><i>x</i>ii');
  });
});

describe('MailApp', () => {
  it('collects mail in the outbox and enforces the daily quota by the virtual clock', () => {
    const { MailApp, rt } = setup();
    MailApp.sendEmail('a@example.com', 'Digest', 'body', { htmlBody: '<b>body</b>', name: 'CRM' });
    MailApp.sendEmail({ to: 'b@example.com', subject: 'Hi', body: 'text' });
    expect(rt.mail.map((m) => [m.to, m.subject, m.htmlBody ?? null])).toEqual([
      ['a@example.com', 'Digest', '<b>body</b>'],
      ['b@example.com', 'Hi', null],
    ]);
    expect(MailApp.getRemainingDailyQuota()).toBe(98);
    for (let i = 0; i < 98; i++) MailApp.sendEmail('x@example.com', 's', 'b');
    expect(() => MailApp.sendEmail('y@example.com', 's', 'b')).toThrow('Exception: Service invoked too many times for one day: email.');
    rt.advanceClock(24 * 3600 * 1000);
    expect(MailApp.getRemainingDailyQuota()).toBe(100);
  });
});

describe('DriveApp', () => {
  it('copies the spreadsheet deeply; the copy opens with SpreadsheetApp.openById', () => {
    const { DriveApp, SpreadsheetApp, ss, sheet, rt } = setup({ spreadsheetName: 'CRM' });
    sheet.getRange('A1').setValue('original');
    const file = DriveApp.getFileById(ss.getId());
    expect(file.getName()).toBe('CRM');
    const folder = DriveApp.createFolder('CRM backups');
    const copy = file.makeCopy('CRM backup 2024-03-15', folder);
    sheet.getRange('A1').setValue('changed');
    const opened = SpreadsheetApp.openById(copy.getId());
    expect(opened.getName()).toBe('CRM backup 2024-03-15');
    expect(opened.getActiveSheet().getRange('A1').getValue()).toBe('original');
    const found = DriveApp.getFoldersByName('CRM backups');
    expect(found.hasNext()).toBe(true);
    const files = found.next().getFiles();
    expect(files.next().getId()).toBe(copy.getId());
    expect(files.hasNext()).toBe(false);
    copy.setTrashed(true);
    expect(rt.drive.files().map((f) => [f.name, f.trashed])).toEqual([
      ['CRM', false],
      ['CRM backup 2024-03-15', true],
    ]);
    expect(() => SpreadsheetApp.openById(copy.getId())).toThrow(/openById/);
    expect(ss.copy('Second').getId()).not.toBe(ss.getId());
  });
});
