/** What the viewer shows about a slide, read from the level-0 header. */
import { basename, extname } from 'node:path';
import type { OpticalPath } from '../../../../shared/model/slide.js';
import type { NaturalDataset } from './dcmjsBridge.js';
import { item, items, number, text } from './datasetValues.js';
import type { SlideInstance } from './slideInstance.js';

export function slideName(instance: SlideInstance): string {
  const ds = instance.header.dataset;
  return (
    text(ds, 'SeriesDescription') ?? text(ds, 'ContainerIdentifier') ?? basename(instance.file.path, extname(instance.file.path))
  );
}

export function objectivePower(instance: SlideInstance): number | undefined {
  return number(item(instance.header.dataset, 'OpticalPathSequence'), 'ObjectiveLensPower');
}

/** Optical paths of all levels, level 0 first, each once. */
export function opticalPaths(volumes: SlideInstance[]): OpticalPath[] {
  const paths = new Map<string, OpticalPath>();
  for (const instance of volumes) {
    const declared = items(instance.header.dataset, 'OpticalPathSequence');
    instance.opticalPathIds.forEach((id, index) => {
      if (paths.has(id)) return;
      const description = text(declared[index], 'OpticalPathDescription');
      paths.set(id, description ? { id, description } : { id });
    });
  }
  return [...paths.values()];
}

export function specimenDescription(instance: SlideInstance): string | undefined {
  const specimen = item(instance.header.dataset, 'SpecimenDescriptionSequence');
  return text(specimen, 'SpecimenShortDescription') ?? text(specimen, 'SpecimenDetailedDescription');
}

/** "Using substance" (SCT 424361007, formerly SRT C-22968) in the specimen preparation steps. */
const USING_SUBSTANCE = new Set(['424361007', 'C-22968']);

export function stain(instance: SlideInstance): string | undefined {
  const substances: string[] = [];
  for (const specimen of items(instance.header.dataset, 'SpecimenDescriptionSequence')) {
    for (const step of items(specimen, 'SpecimenPreparationSequence')) {
      for (const content of items(step, 'SpecimenPreparationStepContentItemSequence')) {
        if (!USING_SUBSTANCE.has(text(item(content, 'ConceptNameCodeSequence'), 'CodeValue') ?? '')) continue;
        const substance = codeMeaning(item(content, 'ConceptCodeSequence')) ?? text(content, 'TextValue');
        if (substance && !substances.includes(substance)) substances.push(substance);
      }
    }
  }
  if (substances.length === 0) return undefined;
  const joined = substances.join(' + ');
  return /ha?ematoxylin/i.test(joined) && /eosin/i.test(joined) && substances.length === 2 ? 'H&E' : joined;
}

const codeMeaning = (code: NaturalDataset | undefined) => text(code, 'CodeMeaning');
