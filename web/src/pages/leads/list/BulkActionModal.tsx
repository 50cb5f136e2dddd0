import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { messageOf } from '../../../api/errors';
import { useBulkAction } from '../../../api/leads';
import { useNamed } from '../../../api/taxonomy';
import type { BulkActionName } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { NameAutocomplete } from '../NameAutocomplete';
import { BULK_ACTIONS, countLeads } from './bulkActions';

type Props = {
  action: BulkActionName | null;
  ids: number[];
  onClose: () => void;
  onDone: () => void;
};

/** Confirms a bulk action (asking for the tag or list it needs) and runs it. */
export function BulkActionModal({ action, ids, onClose, onDone }: Props) {
  const bulk = useBulkAction();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const spec = action ? BULK_ACTIONS[action] : null;
  // Removing needs an existing name; applying may create one.
  const existingOnly = action === 'untag' || action === 'unsubscribe';
  const named = useNamed(spec?.needs === 'list' ? 'lists' : 'tags');

  useEffect(() => {
    if (action) {
      setName('');
      setError(null);
    }
  }, [action]);

  const needLabel = spec?.needs === 'list' ? 'List' : 'Tag';

  const run = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!spec || !action) return;
    const value = name.trim();
    if (spec.needs && !value) {
      setError(`Choose a ${needLabel.toLowerCase()}.`);
      return;
    }
    setError(null);
    try {
      const { affected } = await bulk.mutateAsync({
        ids,
        action,
        tag: spec.needs === 'tag' ? value : undefined,
        list: spec.needs === 'list' ? value : undefined,
      });
      notifications.show({ color: 'teal', title: 'Done', message: spec.done(countLeads(affected), value) });
      onDone();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <Modal opened={spec !== null} onClose={onClose} title={spec ? `${spec.confirm}?` : ''} centered>
      {spec && (
        <form onSubmit={run} noValidate aria-label={spec.confirm}>
          <Stack gap="md">
            <Text fz="sm">{spec.explain(countLeads(ids.length))}</Text>
            {spec.needs &&
              (existingOnly ? (
                <Select
                  label={needLabel}
                  placeholder={`Pick a ${needLabel.toLowerCase()}`}
                  data={(named.data ?? []).map((n) => n.name)}
                  value={name || null}
                  onChange={(v) => setName(v ?? '')}
                  searchable
                  data-autofocus
                  comboboxProps={{ withinPortal: true }}
                />
              ) : (
                <NameAutocomplete
                  kind={spec.needs === 'list' ? 'lists' : 'tags'}
                  label={needLabel}
                  placeholder={`Existing or new ${needLabel.toLowerCase()}`}
                  value={name}
                  onChange={setName}
                  data-autofocus
                />
              ))}
            <FormAlert message={error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" color={spec.danger ? 'red' : undefined} loading={bulk.isPending}>
                {spec.confirm}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
