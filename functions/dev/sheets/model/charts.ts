// Where a chart's numbers come from: the domain and series source ranges of its spec.
import type { sheets_v4 } from '@googleapis/sheets';

export interface ChartSources {
  /** BAR, COLUMN, LINE, … for basic charts; PIE for pie charts; OTHER for kinds the stand-in does not draw. */
  kind: string;
  domain: sheets_v4.Schema$GridRange | undefined;
  series: sheets_v4.Schema$GridRange[];
  /** Rows at the top of the sources that are labels, not data. */
  headerCount: number;
}

const firstSource = (data: sheets_v4.Schema$ChartData | undefined): sheets_v4.Schema$GridRange | undefined =>
  data?.sourceRange?.sources?.[0];

export function chartSources(spec: sheets_v4.Schema$ChartSpec | undefined): ChartSources {
  const basic = spec?.basicChart;
  if (basic) {
    return {
      kind: basic.chartType ?? 'COLUMN',
      domain: firstSource(basic.domains?.[0]?.domain),
      series: (basic.series ?? []).flatMap((s) => {
        const range = firstSource(s.series);
        return range ? [range] : [];
      }),
      headerCount: basic.headerCount ?? 0,
    };
  }
  const pie = spec?.pieChart;
  if (pie) {
    const range = firstSource(pie.series);
    return { kind: 'PIE', domain: firstSource(pie.domain), series: range ? [range] : [], headerCount: 0 };
  }
  return { kind: 'OTHER', domain: undefined, series: [], headerCount: 0 };
}
