// A facilitator's own queue (assigned to it) starts from its reviews (review.cypher queueOfAssignee).
CREATE INDEX review_assignee IF NOT EXISTS FOR (r:Review) ON (r.assigneeId);
