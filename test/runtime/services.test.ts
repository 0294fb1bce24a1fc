import { setup } from './helpers';

describe('PropertiesService', () => {
  it('stores strings per scope and supports bulk operations', () => {
    const { PropertiesService, rt } = setup();
    const doc = PropertiesService.getDocumentProperties();
    doc.setProperty('a', '1').setProperties({ b: '2', c: '3' });
    expect(doc.getProperty('a')).toBe('1');
    expect(doc.getProperty('missing')).toBeNull();
    expect(doc.getKeys().sort()).toEqual(['a', 'b', 'c']);
    doc.setProperties({ z: '9' }, true);
    expect(doc.getProperties()).toEqual({ z: '9' });
    doc.deleteProperty('z');
    expect(doc.getProperties()).toEqual({});
    PropertiesService.getScriptProperties().setProperty('s', 'x');
    PropertiesService.getUserProperties().setProperty('u', 'me');
    rt.setUser('other@example.com');
    expect(PropertiesService.getUserProperties().getProperty('u')).toBeNull();
    expect(rt.workbook.state.scriptProperties).toEqual({ s: 'x' });
  });

  it('enforces 9 KB per value and 500 KB per store', () => {
    const { PropertiesService } = setup();
    const p = PropertiesService.getScriptProperties();
    expect(() => p.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow('Exception: Argument too large: value');
    for (let i = 0; i < 55; i++) p.setProperty(`k${i}`, 'x'.repeat(9000));
    expect(() => {
      for (let i = 55; i < 60; i++) p.setProperty(`k${i}`, 'x'.repeat(9000));
    }).toThrow(/property storage quota/);
  });
});

describe('CacheService', () => {
  it('expires entries by the virtual clock', () => {
    const { CacheService, rt } = setup();
    const c = CacheService.getScriptCache();
    c.put('a', 'A', 60);
    c.putAll({ b: 'B', d: 'D' });
    expect(c.getAll(['a', 'b', 'x'])).toEqual({ a: 'A', b: 'B' });
    rt.advanceClock(61_000);
    expect(c.get('a')).toBeNull();
    expect(c.get('b')).toBe('B');
    rt.advanceClock(600_000);
    expect(c.get('b')).toBeNull();
    c.put('e', 'E', 999999);
    rt.advanceClock(21600_000 + 1);
    expect(c.get('e')).toBeNull();
    c.put('r', '1');
    c.remove('r');
    expect(c.get('r')).toBeNull();
  });

  it('limits key and value sizes', () => {
    const { CacheService } = setup();
    const c = CacheService.getUserCache();
    expect(() => c.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
    expect(() => c.put('k', 'v'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
  });
});

describe('LockService and faults', () => {
  it('waitLock/tryLock succeed normally and fail while a lock is held by "another process"', () => {
    const { LockService, rt } = setup();
    const lock = LockService.getScriptLock();
    lock.waitLock(1000);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
    rt.faults.holdLock('script');
    const before = rt.now().getTime();
    expect(LockService.getScriptLock().tryLock(5000)).toBe(false);
    expect(rt.now().getTime() - before).toBe(5000);
    expect(() => LockService.getScriptLock().waitLock(30000)).toThrow(
      'Exception: Lock timeout: another process was holding the lock for too long.',
    );
    expect(LockService.getDocumentLock().tryLock(10)).toBe(true);
    rt.faults.releaseHeldLock('script');
    expect(LockService.getScriptLock().tryLock(10)).toBe(true);
  });

  it('a lock another execution releases after a while: a long enough wait gets it, a shorter one times out', () => {
    const { LockService, rt } = setup();
    rt.faults.holdLock('script', 3000);
    const start = rt.now().getTime();
    expect(LockService.getScriptLock().tryLock(1000)).toBe(false);
    expect(rt.now().getTime() - start).toBe(1000);
    // 2 s left of the other execution's hold: a 10 s wait ends when it releases.
    LockService.getScriptLock().waitLock(10000);
    expect(rt.now().getTime() - start).toBe(3000);
    expect(LockService.getScriptLock().tryLock(0)).toBe(true);
  });

  it('failAfter(n) makes the n-th next round trip throw, once', () => {
    const { rt, sheet } = setup();
    rt.faults.failAfter(2, 'Service Spreadsheets timed out');
    const range = sheet.getRange('A1:B2'); // not a round trip
    range.getValues(); // 1st
    expect(() =>
      range.setValues([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow('Exception: Service Spreadsheets timed out');
    expect(range.getValues()).toEqual([
      ['', ''],
      ['', ''],
    ]);
    range.setValues([
      [1, 2],
      [3, 4],
    ]);
    expect(range.getValues()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});

describe('Session and Utilities', () => {
  it('reports user, locale and time zone', () => {
    const { Session, rt } = setup({ user: 'rep@example.com', locale: 'en_US' });
    expect(Session.getActiveUser().getEmail()).toBe('rep@example.com');
    expect(Session.getEffectiveUser().getEmail()).toBe('rep@example.com');
    expect(Session.getActiveUserLocale()).toBe('en');
    expect(Session.getScriptTimeZone()).toBe('Asia/Shanghai');
    rt.setLocale('zh_CN');
    expect(Session.getActiveUserLocale()).toBe('zh-CN');
    expect(Session.getTemporaryActiveUserKey()).toMatch(/^[\w-]{20,}$/);
    expect(setup({ userLocale: 'en' }).Session.getActiveUserLocale()).toBe('en'); // independent of the zh_CN sheet
  });

  it('formatDate follows Java SimpleDateFormat', () => {
    const { Utilities } = setup();
    const d = new Date('2024-03-05T01:02:03.045Z');
    expect(Utilities.formatDate(d, 'Asia/Shanghai', 'yyyyMMdd')).toBe('20240305');
    expect(Utilities.formatDate(d, 'Asia/Shanghai', "yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toBe('2024-03-05T09:02:03.045+0800');
    expect(Utilities.formatDate(d, 'GMT', 'EEE, d MMM yy h:mm a')).toBe('Tue, 5 Mar 24 1:02 AM');
    expect(Utilities.formatDate(d, 'GMT+8', "M/d HH 'o''clock'")).toBe("3/5 09 o'clock");
    expect(Utilities.formatDate(d, 'America/New_York', 'yyyy-MM-dd HH:mm XXX')).toBe('2024-03-04 20:02 -05:00');
  });

  it('base64 uses signed bytes; blobs, digests, csv, formatString, sleep', () => {
    const { Utilities, rt } = setup();
    const bytes = Utilities.base64Decode(Utilities.base64Encode('é?'));
    expect(bytes).toEqual([-61, -87, 63]);
    expect(Utilities.base64Encode(bytes)).toBe('w6k/');
    expect(Utilities.base64EncodeWebSafe(bytes)).toBe('w6k_');
    expect(Utilities.base64DecodeWebSafe('w6k_')).toEqual(bytes);
    const blob = Utilities.newBlob('héllo', 'text/plain', 'a.txt');
    expect(blob.getDataAsString()).toBe('héllo');
    expect(blob.getName()).toBe('a.txt');
    expect(Utilities.newBlob(blob.getBytes()).getDataAsString()).toBe('héllo');
    const md5 = Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, 'abc');
    expect(md5.slice(0, 3)).toEqual([-112, 1, 80]);
    expect(Utilities.parseCsv('a,"b,c"\n"x ""y""",z')).toEqual([
      ['a', 'b,c'],
      ['x "y"', 'z'],
    ]);
    expect(Utilities.formatString('%s has %d items costing %.2f', 'cart', 3, 9.5)).toBe('cart has 3 items costing 9.50');
    expect(Utilities.getUuid()).toMatch(/^[0-9a-f-]{36}$/);
    const t = rt.now().getTime();
    Utilities.sleep(1500);
    expect(rt.now().getTime() - t).toBe(1500);
  });
});
