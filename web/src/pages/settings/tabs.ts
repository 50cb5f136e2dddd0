/** Settings tabs, in display order; the URL segment `/settings/:tab` is the key. */
export const settingsTabs = [
  { value: 'profile', label: 'Profile' },
  { value: 'business', label: 'Business' },
  { value: 'security', label: 'Security' },
  { value: 'plan', label: 'Plan' },
  { value: 'tokens', label: 'API tokens' },
] as const;

export type SettingsTab = (typeof settingsTabs)[number]['value'];

export const isSettingsTab = (v: string): v is SettingsTab => settingsTabs.some((t) => t.value === v);
