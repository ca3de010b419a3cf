//! The roles and what each may do: apart from the accounts because the server checks them on
//! every action, not only when an account is stored or read.

/// The roles, each with what it may do (checked on the server for every action).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Access to Resources Team: matches and records decisions.
    Art,
    /// Matches, records decisions and approves them.
    Manager,
    /// Runs scenarios.
    Planner,
    /// Manages accounts.
    Admin,
}

impl Role {
    /// Every role, in the order the command line lists them.
    pub const ALL: [Role; 4] = [Role::Art, Role::Manager, Role::Planner, Role::Admin];

    /// The role's name as stored and typed (`art`, `manager`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Art => "art",
            Role::Manager => "manager",
            Role::Planner => "planner",
            Role::Admin => "admin",
        }
    }

    /// The role named `text`, if any.
    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text)
    }

    /// May run the match and record or withdraw decisions.
    pub fn can_decide(self) -> bool {
        matches!(self, Role::Art | Role::Manager)
    }

    /// May approve or decline decisions.
    pub fn can_approve(self) -> bool {
        self == Role::Manager
    }

    /// May run scenarios.
    pub fn can_plan(self) -> bool {
        self == Role::Planner
    }

    /// May disable accounts.
    pub fn can_admin(self) -> bool {
        self == Role::Admin
    }
}
