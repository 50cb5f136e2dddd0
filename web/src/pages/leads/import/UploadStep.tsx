import { Alert, FileInput, List, Loader, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError, messageOf } from '../../../api/errors';
import { usePreviewImport } from '../../../api/imports';
import type { ImportPreview } from '../../../api/types';

/** The one error a user must fix in the file itself: say how, step by step. */
function TooManyColumns({ message }: { message: string }) {
  return (
    <Alert
      role="alert"
      color="red"
      variant="light"
      title="Too many columns"
      icon={<IconAlertCircle size={18} />}
    >
      <Stack gap="xs">
        <Text fz="sm">{message}</Text>
        <Text fz="sm" fw={600}>
          How to fix it
        </Text>
        <List type="ordered" size="sm" spacing={2}>
          <List.Item>Open the file in your spreadsheet app.</List.Item>
          <List.Item>Delete the columns you don't need (empty columns don't count).</List.Item>
          <List.Item>
            Save it as CSV and choose it here again. Split it into two files if you need every column.
          </List.Item>
        </List>
        <Text fz="sm">Nothing was imported.</Text>
      </Stack>
    </Alert>
  );
}

/** Step 1: pick the file; the server reads its header and first rows at once. */
export function UploadStep({ onRead }: { onRead: (file: File, preview: ImportPreview) => void }) {
  const preview = usePreviewImport();
  const [file, setFile] = useState<File | null>(null);

  const choose = (next: File | null) => {
    setFile(next);
    preview.reset();
    if (next) preview.mutate(next, { onSuccess: (p) => onRead(next, p) });
  };

  const error = preview.error;
  return (
    <Stack gap="md">
      <FileInput
        label="CSV file"
        description="Exports from Kartra, Mailchimp, ActiveCampaign, ConvertKit, Kajabi, HubSpot… are recognised. Comma, semicolon or tab separated; any encoding a spreadsheet writes."
        placeholder="Choose a .csv file"
        accept=".csv,.tsv,.txt,text/csv,text/plain"
        leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
        rightSection={preview.isPending ? <Loader size="xs" /> : undefined}
        value={file}
        onChange={choose}
        clearable
        size="md"
      />
      {preview.isPending && (
        <Text fz="sm" c="dimmed" role="status">
          Reading {file?.name}…
        </Text>
      )}
      {error &&
        (error instanceof ApiError && error.code === 'too_many_columns' ? (
          <TooManyColumns message={error.message} />
        ) : (
          <Alert
            role="alert"
            color="red"
            variant="light"
            title="The file can't be imported"
            icon={<IconAlertCircle size={18} />}
          >
            {messageOf(error)}
          </Alert>
        ))}
    </Stack>
  );
}
