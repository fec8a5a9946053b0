/**
 * The one-page summary, laid out for print (A4 or Letter, portrait): patient, the slide view with
 * its scale, the board's variants, the ctDNA chart with its events, the notes and recommendation.
 * Hidden on screen; the print stylesheet shows only this.
 */
import { formatAreaUm2, formatLengthUm } from '../../shared/annotations/measure.js';
import type { CaseSummary } from '../../shared/model/case.js';
import { maskName, displayName } from '../header/mask.js';
import { formatDate } from '../util/format.js';
import type { SummaryData } from './summaryData.js';
import './summary.css';

export function SummaryPage({
  summary,
  data,
  showIdentifiers,
  capture = false,
  pageRef,
}: {
  summary: CaseSummary;
  data: SummaryData;
  showIdentifiers: boolean;
  /** Laid out on screen (behind the app) to be drawn as a PNG. */
  capture?: boolean;
  pageRef?: React.Ref<HTMLElement>;
}) {
  const p = summary.patient;
  const name = p.name ? displayName(p.name) : '—';
  return (
    <article className="print-summary" data-testid="print-summary" data-capture={capture || undefined} ref={pageRef}>
      <header className="summary-header">
        <h1>{summary.title}</h1>
        <dl>
          <div>
            <dt>Patient</dt>
            <dd>{showIdentifiers ? name : maskName(name)}</dd>
          </div>
          <div>
            <dt>ID</dt>
            <dd>{p.id ? (showIdentifiers ? p.id : maskName(p.id)) : '—'}</dd>
          </div>
          {showIdentifiers && p.birthDate ? (
            <div>
              <dt>Born</dt>
              <dd>{formatDate(p.birthDate)}</dd>
            </div>
          ) : null}
          <div>
            <dt>Diagnosis</dt>
            <dd>
              {p.diagnosis ?? '—'}
              {p.diagnosisDate ? ` (${formatDate(p.diagnosisDate)})` : ''}
            </dd>
          </div>
          <div>
            <dt>Printed</dt>
            <dd>{formatDate(new Date().toISOString().slice(0, 10))}</dd>
          </div>
        </dl>
      </header>

      <section className="summary-row">
        <figure className="summary-slide">
          {data.slide ? <img src={data.slide.image} alt="The slide as viewed" /> : <p>No slide view.</p>}
          <figcaption>
            Slide{summary.slides[0] ? `: ${summary.slides[0].name}` : ''}
            {data.slide?.scale ? ` — scale bar ${data.slide.scale}` : ''}
          </figcaption>
        </figure>
        <section className="summary-variants">
          <h2>
            Variants for discussion{' '}
            <span>{data.flagged ? `(flagged: ${data.variantTotal})` : `(PASS, coding, VAF ≥ 5 %: ${data.variantTotal})`}</span>
          </h2>
          <table>
            <thead>
              <tr>
                <th>Gene</th>
                <th>Protein</th>
                <th>Consequence</th>
                <th className="num">VAF</th>
                <th className="num">Depth</th>
              </tr>
            </thead>
            <tbody>
              {data.variants.map((v) => (
                <tr key={v.key}>
                  <td>{v.gene ?? ''}</td>
                  <td>{v.protein || v.hgvsc || ''}</td>
                  <td>{v.csq.label}</td>
                  <td className="num">{v.vaf === undefined ? '' : `${(v.vaf * 100).toFixed(1)} %`}</td>
                  <td className="num">{v.depth ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.annotations.length ? (
            <>
              <h2>Slide annotations for discussion</h2>
              <table data-testid="summary-annotations">
                <tbody>
                  {data.annotations.map((a) => (
                    <tr key={a.id}>
                      <td>{a.label || a.className || a.shapeType}</td>
                      <td>{a.className ?? ''}</td>
                      <td className="num">
                        {a.areaUm2 !== undefined
                          ? formatAreaUm2(a.areaUm2)
                          : a.lengthUm !== undefined
                            ? formatLengthUm(a.lengthUm)
                            : ''}
                      </td>
                      <td>{a.slideName}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </section>
      </section>

      <figure className="summary-chart">
        {data.chart ? <img src={data.chart.url} alt="ctDNA chart" /> : <p>No ctDNA chart.</p>}
        <figcaption>ctDNA over time, with treatments, surgery and imaging</figcaption>
      </figure>

      <section className="summary-notes">
        <h2>Recommendation</h2>
        {data.notes?.recommendation ? (
          <p>
            {data.notes.recommendation.text}
            <span className="byline">
              {' '}
              — {data.notes.recommendation.author}, {formatDate(data.notes.recommendation.date)}
            </span>
          </p>
        ) : (
          <p className="muted">None recorded.</p>
        )}
        <h2>Notes</h2>
        <p className="notes-text">{data.notes?.markdown || '—'}</p>
      </section>
    </article>
  );
}
