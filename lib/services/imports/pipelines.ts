import type { ImportKind } from '../../import/fields';
import { CataloguePipeline } from './catalogue-pipeline';
import { CustomersPipeline } from './customers-pipeline';
import { EventsPipeline } from './events-pipeline';
import { OrdersPipeline } from './orders-pipeline';
import type { PipelineSetup } from './pipeline';

export function createPipeline(kind: ImportKind, setup: PipelineSetup) {
  switch (kind) {
    case 'catalogue':
      return new CataloguePipeline(setup);
    case 'customers':
      return new CustomersPipeline(setup);
    case 'orders':
      return new OrdersPipeline(setup);
    case 'events':
      return new EventsPipeline(setup);
  }
}
