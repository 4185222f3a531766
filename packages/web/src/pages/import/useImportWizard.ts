import { useQueryClient } from '@tanstack/react-query';
import { api, type ImportKind } from '@tuanjian/domain';
import { useRef, useState } from 'react';
import { call, callWithProgress } from '../../api/client';
import { useShowError } from '../../lib/errors';
import { readFileBase64 } from '../../lib/people';

export type MappedReport = api.imports.MappedReport;
export type CommitResult = api.ResponseOf<typeof api.imports.commitMapped>;
export type WizardStep = 'upload' | 'mapping' | 'preview' | 'done';

const MAX_BYTES = api.IMPORT_FILE_MAX_MB * 1024 * 1024;

/**
 * The import wizard's state: upload (with the upload's progress) → the
 * recognized mapping, which the user may correct (each change checks the file
 * again) → the preview → the commit (its progress polled) → the summary.
 */
export function useImportWizard() {
  const queryClient = useQueryClient();
  const showError = useShowError();
  const [step, setStep] = useState<WizardStep>('upload');
  const [kind, setKind] = useState<ImportKind>('people');
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [report, setReport] = useState<MappedReport | null>(null);
  const [mapping, setMapping] = useState<(string | null)[]>([]);
  const [busy, setBusy] = useState<null | 'upload' | 'check' | 'commit'>(null);
  const [progress, setProgress] = useState(0);
  const [result, setResult] = useState<CommitResult | null>(null);
  const polling = useRef<number | null>(null);

  const check = async (orgId: number, f: { name: string; base64: string }, given?: (string | null)[]) => {
    setBusy(given ? 'check' : 'upload');
    setProgress(0);
    try {
      const body = { kind, orgId, fileName: f.name, contentBase64: f.base64, ...(given ? { mapping: given } : {}) };
      const r = await callWithProgress(api.imports.previewMapped, { body }, (p) => setProgress(Math.round(p * 100)));
      setReport(r);
      setMapping(r.mapping);
      setStep(given ? 'preview' : 'mapping');
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  };

  const upload = async (orgId: number, picked: File): Promise<string | null> => {
    if (!/\.(xlsx|csv)$/i.test(picked.name)) return /\.xls$/i.test(picked.name) ? '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV 后导入' : '请上传 Excel 工作簿（.xlsx）或 CSV 文件';
    if (picked.size > MAX_BYTES) return api.IMPORT_TOO_LARGE;
    const f = { name: picked.name, base64: await readFileBase64(picked) };
    setFile(f);
    await check(orgId, f);
    return null;
  };

  const confirmMapping = (orgId: number) => file && check(orgId, file, mapping);

  const commit = async () => {
    if (!report) return;
    setBusy('commit');
    setProgress(0);
    polling.current = window.setInterval(() => {
      void call(api.imports.importProgress, { params: { id: report.batchId } })
        .then((p) => p.total && setProgress(Math.round((p.done / p.total) * 100)))
        .catch(() => undefined);
    }, 1000);
    try {
      const r = await call(api.imports.commitMapped, { params: { id: report.batchId } });
      setProgress(100);
      setResult(r);
      setStep('done');
      void queryClient.invalidateQueries();
    } catch (err) {
      showError(err);
    } finally {
      if (polling.current) window.clearInterval(polling.current);
      setBusy(null);
    }
  };

  const restart = () => {
    setStep('upload');
    setFile(null);
    setReport(null);
    setResult(null);
    setMapping([]);
  };

  return { step, setStep, kind, setKind, file, report, mapping, setMapping, busy, progress, result, upload, confirmMapping, commit, restart };
}
