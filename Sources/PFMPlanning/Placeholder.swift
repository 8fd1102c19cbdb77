public enum PFMPlanningPlaceholder {}
