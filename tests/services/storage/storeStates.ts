/**
 * The states the store writer goes through: generation i of every field carries i, so a read-back
 * state is whole when all its fields name the same generation (a torn or mixed file would not).
 */
export function generation(i: number) {
  const tag = `g${i}`;
  return {
    markdown: `# Board notes ${tag}\n\n${`${tag} `.repeat(5000)}`,
    recommendation: { text: `Recommendation ${tag}`, author: `Dr ${tag}`, date: '2026-12-07' },
    flags: Array.from({ length: 50 + (i % 50) }, (_, k) => ({ key: `chr1:${k + 1}:A>C`, label: `${tag} flag ${k}` })),
    recentCases: Array.from({ length: 10 }, (_, k) => `/cases/${tag}/${k}`),
    locus: `chr1:${i}-${i + 100}`,
    filters: {
      text: tag,
      genes: Array.from({ length: 200 }, (_, k) => `${tag}-G${k}`),
      groups: [],
      chroms: [],
      vafMin: null,
      vafMax: null,
      minDepth: null,
      passOnly: true,
    },
  };
}

/** The generation a text names everywhere, or null when it names none or several. */
export function wholeGeneration(texts: string[]): number | null {
  const found = new Set(texts.flatMap((t) => [...t.matchAll(/\bg(\d+)\b/g)].map((m) => Number(m[1]))));
  return found.size === 1 ? [...found][0]! : null;
}
