// A business's feed (review.cypher feedOfCompanies) reads the events of its companies' suggestions
// by company and time, instead of every event since it last looked.
CREATE INDEX review_event_offer_company IF NOT EXISTS FOR (e:ReviewEvent) ON (e.offerCompanyId, e.at);
CREATE INDEX review_event_need_company IF NOT EXISTS FOR (e:ReviewEvent) ON (e.needCompanyId, e.at);
CREATE INDEX review_event_processor_company IF NOT EXISTS FOR (e:ReviewEvent) ON (e.processorCompanyId, e.at);
