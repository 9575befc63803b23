'use client';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { trainingProgressAction } from './actions';
import type { ProgressDto } from './types';

/** Live progress of queued and running trainings, polled while any is active; refreshes the page when one ends. */
export function useTrainingProgress(initial: ProgressDto[]) {
  const router = useRouter();
  const query = useQuery({
    queryKey: ['recommendations', 'training-progress'],
    queryFn: async () => {
      const r = await trainingProgressAction();
      return r.ok ? (r.data as ProgressDto[]) : [];
    },
    initialData: initial,
    refetchInterval: (q) => ((q.state.data?.length ?? 0) > 0 ? 1500 : false),
  });
  const active = query.data ?? [];
  const seen = useRef(active.length);
  useEffect(() => {
    if (active.length < seen.current) router.refresh();
    seen.current = active.length;
  }, [active.length, router]);
  return { active, restart: () => void query.refetch() };
}
