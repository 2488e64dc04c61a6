// A review queue filtered by company starts from the company's listings and reviews (review.cypher
// queueOfCompany): its reviews are found by the companies they name.
CREATE INDEX review_offer_company IF NOT EXISTS FOR (r:Review) ON (r.offerCompanyId);
CREATE INDEX review_need_company IF NOT EXISTS FOR (r:Review) ON (r.needCompanyId);
CREATE INDEX review_processor_company IF NOT EXISTS FOR (r:Review) ON (r.processorCompanyId);
