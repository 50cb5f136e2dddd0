/**
 * IANA time zones the browser knows, for the profile's time zone picker. The saved value is
 * always offered too, so an alias the browser does not list (e.g. `Etc/UTC`) still shows.
 */
export function timeZoneOptions(current?: string | null): string[] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const extra = ['UTC', current].filter((z): z is string => Boolean(z) && !zones.includes(z as string));
  return [...new Set([...extra, ...zones])];
}
