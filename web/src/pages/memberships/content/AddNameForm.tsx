import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { messageOf } from '../../../api/errors';

/** One name and a button: adds a category or a subcategory; the field empties once it worked. */
export function AddNameForm({
  label,
  button,
  formLabel = button,
  placeholder,
  onAdd,
}: {
  label: string;
  button: string;
  /** Names the form for assistive tech; distinct from the input's label. */
  formLabel?: string;
  placeholder?: string;
  onAdd: (name: string) => Promise<unknown>;
}) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const value = name.trim();
    if (!value) return setError('Type a name');
    setError(null);
    setBusy(true);
    try {
      await onAdd(value);
      setName('');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label={formLabel}>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          label={label}
          placeholder={placeholder}
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={error}
          style={{ flex: 1 }}
        />
        <Button type="submit" variant="light" mt={25} loading={busy}>
          {button}
        </Button>
      </Group>
    </form>
  );
}
