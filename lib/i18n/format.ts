import type { Locale } from './translate';

/** Locale-aware formatting shared by server and client components. */
export function formatters(locale: Locale, currency = 'CNY', timeZone = 'UTC') {
  const number = new Intl.NumberFormat(locale);
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const wholeMoney = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const toDate = (d: Date | number | string) => (d instanceof Date ? d : new Date(d));
  return {
    number: (n: number) => number.format(n),
    compact: (n: number) => compact.format(n),
    money: (n: number) => money.format(n),
    /** Large amounts without cents, for headline figures. */
    moneyWhole: (n: number) => (Math.abs(n) >= 10_000 ? wholeMoney : money).format(n),
    percent: (n: number) => percent.format(n),
    date: (d: Date | number | string) => date.format(toDate(d)),
    dateTime: (d: Date | number | string) => dateTime.format(toDate(d)),
    bytes: (n: number) => {
      const units = ['B', 'KB', 'MB', 'GB'];
      let i = 0;
      while (n >= 1024 && i < units.length - 1) {
        n /= 1024;
        i++;
      }
      return `${number.format(Math.round(n * 10) / 10)} ${units[i]}`;
    },
    ago: (d: Date | number | string, now = Date.now()) => {
      const seconds = Math.round((toDate(d).getTime() - now) / 1000);
      const abs = Math.abs(seconds);
      if (abs < 60) return relative.format(seconds, 'second');
      if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
      if (abs < 86400) return relative.format(Math.round(seconds / 3600), 'hour');
      return relative.format(Math.round(seconds / 86400), 'day');
    },
  };
}
export type Formatters = ReturnType<typeof formatters>;
