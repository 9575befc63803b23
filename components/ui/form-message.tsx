export function FormMessage({ result }: { result: { ok: boolean; message?: string } | null }) {
  if (!result) return null;
  return (
    <p role={result.ok ? 'status' : 'alert'} className={`text-sm ${result.ok ? 'text-emerald-700' : 'text-red-700'}`}>
      {result.message}
    </p>
  );
}
