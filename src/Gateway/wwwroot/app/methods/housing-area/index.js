// 竞配建 (housingArea, DOMAIN §7.3 A): once the cap is reached, bidders bid the area of housing they build and hand over,
// each bid restarting the stage's countdown; the largest area wins at the cap.
import { registerCapMode } from '../registry.js';
import { capCountdown } from '../price-cap/cap-stage.js';
import { AreaBidPanel, AreaSection, HousingAreaTermsRows, HousingAreaPublishFields, housingAreaPublishBody, HOUSING_AREA_DEFAULTS } from './housing-area.js';

registerCapMode('housingArea', {
  TermsRows: HousingAreaTermsRows,
  CapPanel: AreaBidPanel,
  ParcelSection: AreaSection,
  PublishFields: HousingAreaPublishFields,
  publishBody: housingAreaPublishBody,
  publishDefaults: HOUSING_AREA_DEFAULTS,
  countdownOf: capCountdown('housingArea.untilEnd'),
  describeEvent(event, t) {
    const d = event.data ?? event;
    return event.type === 'areaBidAccepted' ? t('housingArea.eventBid', { no: d.bidderNo, area: d.areaM2 }) : null;
  },
});
