import { Card, Container, Stack, Stepper } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { messageOf } from '../../../api/errors';
import { useStartImport } from '../../../api/imports';
import type { ImportPreview } from '../../../api/types';
import { PageHeader } from '../../../components/PageHeader';
import { AnchorLink } from '../../../components/RouterLinks';
import { ImportProgress } from './ImportProgress';
import { MappingStep } from './MappingStep';
import { OptionsStep, type RowOptions } from './OptionsStep';
import { RecentImports } from './RecentImports';
import { UploadStep } from './UploadStep';

type Read = { file: File; preview: ImportPreview };

const defaults: RowOptions = { tags: [], lists: [], gdpr: 'unknown', update_existing: false };

/**
 * `/leads/import`: upload → columns → options → progress and result. Once started, the import's id
 * is in the URL (`?id=`), so the progress page survives a reload and can be linked to.
 */
export function ImportPage({ importId }: { importId?: number }) {
  const navigate = useNavigate();
  const start = useStartImport();
  const [step, setStep] = useState(0);
  const [read, setRead] = useState<Read | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [options, setOptions] = useState<RowOptions>(defaults);

  const active = importId ? 3 : step;

  const onRead = (file: File, preview: ImportPreview) => {
    setRead({ file, preview });
    setMapping({ ...preview.suggested_mapping });
    setStep(1);
  };

  const onStart = () => {
    if (!read) return;
    start.mutate(
      { file: read.file, options: { ...options, mapping } },
      {
        onSuccess: (job) => {
          setStep(0);
          setRead(null);
          void navigate({ to: '/leads/import', search: { id: job.id } });
        },
      },
    );
  };

  return (
    <Container size="lg" px={0}>
      <AnchorLink to="/leads" fz="sm">
        ← All leads
      </AnchorLink>
      <PageHeader
        title="Import leads"
        description="Bring your leads from a CSV file: thousands of rows take seconds, and every rejected row is explained."
      />
      <Stack gap="lg">
        <Card>
          <Stepper
            active={active}
            onStepClick={(s) => !importId && s < step && setStep(s)}
            allowNextStepsSelect={false}
            size="sm"
          >
            <Stepper.Step label="Upload" description="Choose a CSV">
              <Stack pt="md">{active === 0 && <UploadStep onRead={onRead} />}</Stack>
            </Stepper.Step>
            <Stepper.Step label="Columns" description="Match the fields">
              <Stack pt="md">
                {active === 1 && read && (
                  <MappingStep
                    preview={read.preview}
                    mapping={mapping}
                    onChange={setMapping}
                    onBack={() => setStep(0)}
                    onNext={() => setStep(2)}
                  />
                )}
              </Stack>
            </Stepper.Step>
            <Stepper.Step label="Options" description="Tags, lists, consent">
              <Stack pt="md">
                {active === 2 && (
                  <OptionsStep
                    value={options}
                    onChange={setOptions}
                    onBack={() => setStep(1)}
                    onStart={onStart}
                    starting={start.isPending}
                    error={start.error ? messageOf(start.error) : null}
                  />
                )}
              </Stack>
            </Stepper.Step>
            <Stepper.Step label="Import" description="Progress and result">
              <Stack pt="md">{importId && <ImportProgress id={importId} />}</Stack>
            </Stepper.Step>
          </Stepper>
        </Card>
        {active === 0 && <RecentImports />}
      </Stack>
    </Container>
  );
}
