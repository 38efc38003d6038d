DROP TABLE recommendation_dismissals;
