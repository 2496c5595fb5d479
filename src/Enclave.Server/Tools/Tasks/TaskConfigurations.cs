using Enclave.Server.Accounts;
using Enclave.Server.Spheres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Tools.Tasks;

public sealed class TaskBoardConfiguration : IEntityTypeConfiguration<TaskBoard>
{
    public void Configure(EntityTypeBuilder<TaskBoard> b)
    {
        b.ToTable("task_boards");
        b.Property(x => x.Name).HasMaxLength(TaskRules.MaxName);
        b.Property(x => x.Description).HasMaxLength(TaskRules.MaxBoardDescription);
        b.HasIndex(x => new { x.SphereId, x.Id });
        b.HasIndex(x => x.CreatedById);
        b.HasOne<Sphere>().WithMany().HasForeignKey(x => x.SphereId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class TaskColumnConfiguration : IEntityTypeConfiguration<TaskColumn>
{
    public void Configure(EntityTypeBuilder<TaskColumn> b)
    {
        b.ToTable("task_columns");
        b.Property(x => x.Name).HasMaxLength(TaskRules.MaxColumnName);
        b.HasIndex(x => new { x.BoardId, x.Position }).IsUnique();
        b.HasOne<TaskBoard>().WithMany().HasForeignKey(x => x.BoardId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TaskCardConfiguration : IEntityTypeConfiguration<TaskCard>
{
    public void Configure(EntityTypeBuilder<TaskCard> b)
    {
        b.ToTable("task_cards");
        b.Property(x => x.Title).HasMaxLength(TaskRules.MaxTitle);
        b.Property(x => x.Description).HasMaxLength(TaskRules.MaxDescription);
        b.Property(x => x.DescriptionHtml).HasMaxLength(200_000);
        b.Property(x => x.Labels).HasMaxLength(TaskRules.MaxLabelsText);
        // The database keeps the order total: two cards never share a place in a column.
        b.HasIndex(x => new { x.ColumnId, x.Position }).IsUnique();
        b.HasIndex(x => x.BoardId);
        b.HasIndex(x => x.DueAt);
        b.HasIndex(x => x.CreatedById);
        b.HasOne<TaskBoard>().WithMany().HasForeignKey(x => x.BoardId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<TaskColumn>().WithMany().HasForeignKey(x => x.ColumnId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class TaskAssigneeConfiguration : IEntityTypeConfiguration<TaskAssignee>
{
    public void Configure(EntityTypeBuilder<TaskAssignee> b)
    {
        b.ToTable("task_assignees");
        b.HasKey(x => new { x.CardId, x.UserId });
        b.HasIndex(x => new { x.UserId, x.CardId });
        b.HasOne<TaskCard>().WithMany().HasForeignKey(x => x.CardId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TaskChecklistItemConfiguration : IEntityTypeConfiguration<TaskChecklistItem>
{
    public void Configure(EntityTypeBuilder<TaskChecklistItem> b)
    {
        b.ToTable("task_checklist_items");
        b.Property(x => x.Text).HasMaxLength(TaskRules.MaxChecklistText);
        b.HasIndex(x => new { x.CardId, x.Id });
        b.HasIndex(x => x.CreatedById);
        b.HasOne<TaskCard>().WithMany().HasForeignKey(x => x.CardId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class TaskCommentConfiguration : IEntityTypeConfiguration<TaskComment>
{
    public void Configure(EntityTypeBuilder<TaskComment> b)
    {
        b.ToTable("task_comments");
        b.Property(x => x.Body).HasMaxLength(TaskRules.MaxComment);
        b.Property(x => x.BodyHtml).HasMaxLength(200_000);
        b.HasIndex(x => new { x.CardId, x.Id });
        b.HasIndex(x => x.AuthorId);
        b.HasOne<TaskCard>().WithMany().HasForeignKey(x => x.CardId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }
}
